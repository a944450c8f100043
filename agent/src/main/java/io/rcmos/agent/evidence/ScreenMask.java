package io.rcmos.agent.evidence;

import com.microsoft.playwright.Frame;
import com.microsoft.playwright.JSHandle;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.ScreenshotAnimations;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Screenshots whose pixels carry none of a run's private values. Just before the picture, a script in every frame
 * of the page marks each element whose shown text contains one of the values — in any of its {@link DisplayForms}
 * (a birth date as {@code 04/12/1985}, {@code 4/12/1985} or {@code Apr 12, 1985}), as a whole word, ignoring case
 * and spacing — and every text field holding a value; the screenshot is taken with a style sheet that paints marked
 * elements as black boxes and hides everything inside them; then the marks are removed. The page's content, events
 * and layout are untouched, so the flow goes on as if no picture had been taken (the style sheet exists only while
 * the picture is taken, and only a data attribute is written meanwhile).
 *
 * <p>Fails closed: when a live frame cannot be marked, or the page changes while it is photographed, no screenshot
 * is returned. What no script can read — text drawn on a canvas, inside an image, or in a closed shadow root — is
 * not found; portals' echoes are text.
 */
public final class ScreenMask {

    /** The attribute that marks an element to paint over while the screenshot is taken. */
    static final String ATTRIBUTE = "data-rcm-mask";
    private static final String COLOR = "#000000";
    private static final String STYLE = "[" + ATTRIBUTE + "]{background:" + COLOR + " !important;background-image:none !important;"
            + "color:transparent !important;-webkit-text-fill-color:transparent !important;text-shadow:none !important;"
            + "caret-color:transparent !important;fill:transparent !important;stroke:transparent !important;"
            + "border-color:" + COLOR + " !important;outline:none !important}"
            + "[" + ATTRIBUTE + "] *,[" + ATTRIBUTE + "]::before,[" + ATTRIBUTE + "]::after,[" + ATTRIBUTE + "]::placeholder"
            + "{visibility:hidden !important}";
    private static final String MARK = resource("screen-mask.js").replaceAll("(?m)^//.*\\n", ""); // comments are for readers
    private static final String UNMARK = "(els, attr) => els.forEach(e => e.removeAttribute(attr))";
    /** Single characters (a middle initial) would blank most of a page; two letters is the shortest name masked. */
    private static final int MIN_LENGTH = 2;

    private final List<String> needles;

    private ScreenMask(List<String> needles) {
        this.needles = needles;
    }

    /** A mask for these private values (nulls and single characters ignored), in all their displayed forms. */
    public static ScreenMask of(Collection<String> values) {
        Set<String> all = new LinkedHashSet<>();
        for (String v : values) {
            if (v == null || v.strip().length() < MIN_LENGTH) {
                continue;
            }
            for (String form : DisplayForms.of(v.strip())) {
                all.add(Normalizer.normalize(form, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replaceAll("\\s+", " "));
            }
        }
        return new ScreenMask(List.copyOf(all));
    }

    /**
     * A PNG of the page (the viewport, or the whole page) with every element holding a private value and every filled
     * text field painted over, plus the given {@code regions} (fields a flow marked sensitive).
     *
     * @throws PlaywrightException when the page cannot be marked or photographed, or changed while it was (a frame
     *                             navigated, appeared or went): nothing is returned then
     */
    public byte[] screenshot(Page page, List<Locator> regions, boolean fullPage) {
        List<Frame> frames = page.frames();
        List<JSHandle> marked = new ArrayList<>();
        byte[] png;
        boolean unchanged = true;
        try {
            for (Frame frame : frames) {
                mark(frame).ifPresent(marked::add);
            }
            png = page.screenshot(new Page.ScreenshotOptions().setFullPage(fullPage).setStyle(STYLE).setMask(regions)
                    .setMaskColor(COLOR).setAnimations(ScreenshotAnimations.DISABLED).setTimeout(10_000));
        } finally {
            for (JSHandle elements : marked) {
                try {
                    elements.evaluate(UNMARK, ATTRIBUTE);
                    elements.dispose();
                } catch (PlaywrightException e) {
                    unchanged = false; // its document went away: what replaced it in the picture was not marked
                }
            }
        }
        if (!unchanged || !page.frames().equals(frames)) {
            throw new PlaywrightException("the page changed while it was photographed: the picture is discarded");
        }
        return png;
    }

    private Optional<JSHandle> mark(Frame frame) {
        try {
            return Optional.of(frame.evaluateHandle(MARK, Map.of("needles", needles, "attr", ATTRIBUTE)));
        } catch (PlaywrightException e) {
            if (frame.isDetached()) {
                return Optional.empty(); // gone from the page: nothing of it is in the picture
            }
            throw e;
        }
    }

    private static String resource(String name) {
        try (InputStream in = ScreenMask.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
