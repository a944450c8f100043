package io.rcmos.agent.evidence;

import com.microsoft.playwright.Page;
import com.sun.net.httpserver.HttpServer;
import io.rcmos.agent.browser.BrowserSettings;
import io.rcmos.agent.browser.BrowserWorkers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page that echoes a patient every way portals do — a split name in upper case, a member id in a table cell and
 * split over two spans, the birth date as {@code Jul 19, 1961}, {@code 7/19/1961} and {@code 07191961}, a control
 * number in an iframe, a date inside a shadow root, filled fields — photographed in a real Chromium and read back by
 * OCR: unmasked, OCR finds every kind (so the check can fail); masked, none, while the page's own words stay
 * readable and the page is left exactly as it was.
 */
class ScreenMaskIT {

    private static final String MEMBER = "QXZ98765432";
    private static final String FIRST = "Zebediah";
    private static final String LAST = "Quixotelmann";
    private static final String DOB = "1961-07-19";
    private static final String PCN = "PCN-ZQ-4471";
    private static final PhiFinder PHI = PhiFinder.create().memberId(MEMBER).name(FIRST).name(LAST).birthDate(DOB).controlNumber(PCN);
    private static final String PAGE = """
            <!doctype html><html><head><style>body{font-family:sans-serif;font-size:16px;max-width:900px;margin:20px auto}
            td{padding:4px 12px}</style></head><body>
            <h1>Eligibility and Benefits</h1>
            <p>Subscriber: <b>Zebediah</b> QUIXOTELMANN</p>
            <table><caption>Member</caption><tr><td>Member ID</td><td>QXZ98765432</td></tr>
            <tr><td>Date of Birth</td><td>Jul 19, 1961</td></tr></table>
            <p role=status>No claims for member <span>QXZ987</span><span>65432</span>, born 7/19/1961.</p>
            <div id=host></div>
            <script>document.getElementById('host').attachShadow({mode: 'open'}).innerHTML = '<p>Patient DOB 07191961</p>';</script>
            <iframe title=claim width=600 height=60 srcdoc="<p style='font-family:sans-serif'>Patient control number PCN-ZQ-4471</p>"></iframe>
            <form><label>Member ID <input id=member value="QXZ98765432"></label>
            <label>Patient <select id=who><option>Zebediah Quixotelmann</option></select></label></form>
            <h2>Claims and Benefits summary</h2><p>Coverage Status: Active</p>
            </body></html>""";

    private static HttpServer site;
    private static BrowserWorkers workers;
    private static String url;

    @BeforeAll
    static void start() throws IOException {
        site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/", ex -> {
            try (ex) {
                byte[] bytes = PAGE.getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                ex.sendResponseHeaders(200, bytes.length);
                ex.getResponseBody().write(bytes);
            }
        });
        site.start();
        url = "http://127.0.0.1:" + site.getAddress().getPort() + "/";
        workers = new BrowserWorkers(BrowserSettings.local(1));
    }

    @AfterAll
    static void stop() {
        workers.close();
        site.stop(0);
        System.out.println("ScreenMaskIT OCR: " + Ocr.stats());
    }

    private record Shots(byte[] plain, byte[] masked, String before, String after, int marksLeft, String fieldValue) {
    }

    private static Shots photograph() throws Exception {
        return workers.submit(browser -> {
            try (Capture capture = Capture.start(browser, null)) {
                Page page = capture.context().newPage();
                page.navigate(url);
                page.frameLocator("iframe").locator("p").waitFor();
                byte[] plain = page.screenshot(new Page.ScreenshotOptions().setFullPage(true));
                String before = page.content();
                byte[] masked = ScreenMask.of(List.of(MEMBER, FIRST, LAST, DOB, PCN)).screenshot(page, List.of(), true);
                String after = page.content();
                int marks = page.frames().stream().mapToInt(f -> f.locator("[" + ScreenMask.ATTRIBUTE + "]").count()).sum();
                return new Shots(plain, masked, before, after, marks, page.inputValue("#member"));
            }
        }).get(60, TimeUnit.SECONDS).value();
    }

    @Test
    void ocrReadsEveryKindOnThePlainPictureAndNoneOnTheMaskedOne() throws Exception {
        Shots shots = photograph();

        assertThat(PHI.inOcr(Ocr.read(shots.plain()))).as("OCR finds the PHI an unmasked screenshot shows: the check can fail")
                .containsExactlyInAnyOrder(PhiFinder.Kind.values());
        PixelChecks.assertNoPhi("the masked screenshot", shots.masked(), PHI);
        assertThat(Ocr.read(shots.masked())).as("the page's own words stay readable").contains("Eligibility and Benefits")
                .contains("Coverage Status").contains("Member ID");
    }

    @Test
    void thePageIsLeftAsItWas() throws Exception {
        Shots shots = photograph();

        assertThat(shots.after()).isEqualTo(shots.before());
        assertThat(shots.marksLeft()).as("marks left in any frame").isZero();
        assertThat(shots.fieldValue()).as("a filled field keeps its value for the flow").isEqualTo(MEMBER);
    }
}
