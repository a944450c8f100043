package io.rcmos.agent.evidence;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on the pixels of evidence: read back by OCR, a picture shows none of a run's PHI, and OCR did read it. */
public final class PixelChecks {

    /** Words every portal page of the tests shows outside any masked element (its portal's name, its heading). */
    private static final Pattern CONTROL = Pattern.compile("(?i)availity|unitedhealthcare|eligibility|benefits|claim|sign in|verif");

    private PixelChecks() {
    }

    /**
     * Fails when OCR finds any of {@code phi} in the picture (naming {@code what} and the kind, never the value), or
     * when it finds none of the pages' control words — a picture OCR cannot read proves nothing.
     */
    public static void assertNoPhi(String what, byte[] png, PhiFinder phi) {
        String text = Ocr.read(png);
        assertThat(phi.inOcr(text)).as("%s shows patient data in its pixels", what).isEmpty();
        assertThat(CONTROL.matcher(text).find()).as("%s: OCR reads a control word of the page (%s)", what, CONTROL.pattern()).isTrue();
    }
}
