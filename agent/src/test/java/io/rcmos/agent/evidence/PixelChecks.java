package io.rcmos.agent.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks on the pixels of evidence: read back by OCR, a picture shows none of a run's PHI, and OCR did read it. */
public final class PixelChecks {

    /** Words every portal page of the tests shows outside any masked element (its portal's name, its heading). */
    private static final Pattern CONTROL = Pattern.compile("(?i)availity|unitedhealthcare|eligibility|benefits|claim|sign in|verif");

    private PixelChecks() {
    }

    /**
     * What is wrong with a picture, each naming {@code what} and the kind of PHI (never the value): a kind of
     * {@code phi} OCR finds in it, or no control word of the pages — a picture OCR cannot read proves nothing.
     */
    public static List<String> problems(String what, byte[] picture, PhiFinder phi) {
        String text = Ocr.read(picture);
        List<String> problems = new ArrayList<>();
        phi.inOcr(text).forEach(kind -> problems.add(what + " shows a " + kind + " in its pixels"));
        if (!CONTROL.matcher(text).find()) {
            problems.add(what + ": OCR read none of the page's control words (" + CONTROL.pattern() + ")");
        }
        return problems;
    }

    /** Fails with the {@link #problems} of the picture, if any. */
    public static void assertNoPhi(String what, byte[] picture, PhiFinder phi) {
        assertThat(problems(what, picture, phi)).isEmpty();
    }
}
