package io.rcmos.server.console;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import io.rcmos.server.security.Role;
import io.rcmos.server.support.Http;
import io.rcmos.server.support.IntegrationTest;
import io.rcmos.server.support.Runs;
import io.rcmos.server.support.ServedEvidence;
import io.rcmos.sim.portal.PortalSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console end to end, in Debian's Chromium against the whole server with the simulator (issue 11, "done when"):
 * people created over the API sign in and work — a batch uploaded, previewed, started, followed to 100 % and
 * downloaded; an MFA task that appears live in an open inbox and is answered with the code; a data error corrected from
 * the review form until the run succeeds; metrics equal to the API's; a sixth failed sign-in refused and audited.
 * Every page is screenshotted under {@code target/console-screenshots/} and checked with axe-core (no serious or
 * critical violations).
 */
class ConsoleE2EIT extends IntegrationTest {

    private static final Path SHOTS = Path.of("target", "console-screenshots");
    /** axe-core from the console's own npm dependencies (installed by the console module's build). */
    private static final Path AXE = Path.of("..", "console", "node_modules", "axe-core", "axe.min.js");
    private static final String PASSWORD = "amber-field-compass-31";

    private static Playwright playwright;
    private static Browser browser;

    @Autowired
    JdbcClient jdbc;

    private BrowserContext context;
    private final List<String> axeProblems = new ArrayList<>();

    @BeforeAll
    static void launch() throws Exception {
        Files.createDirectories(SHOTS);
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1",
                "PLAYWRIGHT_NODEJS_PATH", Files.isExecutable(Path.of("/usr/bin/node")) ? "/usr/bin/node" : "node")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(Path.of("/usr/bin/chromium"))
                .setHeadless(true).setArgs(List.of("--disable-gpu", "--disable-quic", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1")));
    }

    @AfterAll
    static void close() {
        if (playwright != null) {
            playwright.close();
        }
    }

    @BeforeEach
    void freshBrowser() {
        forgetSignInAttempts();
        // bypassCSP only so axe-core can be injected: the console itself runs under the server's strict policy
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800).setBypassCSP(true)
                .setTimezoneId("America/Chicago").setAcceptDownloads(true));
        context.setDefaultTimeout(15_000);
    }

    @AfterEach
    void closeBrowser(org.junit.jupiter.api.TestInfo test) {
        // what the browser showed last, for whoever reads a failure
        int n = 0;
        for (Page page : context.pages()) {
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(SHOTS.resolve("last-" + test.getTestMethod().map(m -> m.getName()).orElse("test") + "-" + n++ + ".png")));
        }
        context.close();
        forgetSignInAttempts();
        assertThat(axeProblems).as("serious or critical axe-core violations").isEmpty();
    }

    private void forgetSignInAttempts() {
        jdbc.sql("delete from sign_in_attempts").update();
        jdbc.sql("delete from sign_in_locks").update();
    }

    private String person(String role) {
        String username = role.substring(0, 3) + "-" + UUID.randomUUID().toString().substring(0, 6);
        Http.Response created = http(Role.ADMIN).postJson("/users", """
                {"username": "%s", "display_name": "%s %s", "role": "%s", "password": "%s"}"""
                .formatted(username, Character.toUpperCase(role.charAt(0)) + role.substring(1), username.substring(4), role, PASSWORD));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return username;
    }

    private Page signIn(String username) {
        Page page = context.newPage();
        page.navigate(baseUrl() + "/login");
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        page.waitForURL(url -> !url.contains("/login"));
        return page;
    }

    /** A screenshot under target/ and an axe-core check of the page as it is now. */
    private void look(Page page, String name) {
        page.waitForLoadState();
        // transitions (the progress bar's width) are run to their end, so a picture shows what the page settles on
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true)
                .setAnimations(com.microsoft.playwright.options.ScreenshotAnimations.DISABLED));
        page.addScriptTag(new Page.AddScriptTagOptions().setPath(AXE));
        Object found = page.evaluate("""
                async () => (await axe.run(document, {resultTypes: ['violations']})).violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))""");
        for (Object problem : (List<?>) found) {
            axeProblems.add(name + " — " + problem);
        }
    }

    private static String member(char lastDigit) {
        return "SIM" + String.format(Locale.ROOT, "%07d", ThreadLocalRandom.current().nextInt(10_000_000)) + lastDigit;
    }

    @Test
    void anOperatorUploadsABatchWithAProviderColumnAndABadRowFollowsItToTheEndAndDownloadsTheResults() throws Exception {
        Page page = signIn(person("operator"));
        assertThat(page).hasURL(baseUrl() + "/inbox");
        for (String link : List.of("Inbox", "Runs", "Batches", "Metrics")) {
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(link).setExact(true))).isVisible();
        }
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Admin").setExact(true))).hasCount(0);
        look(page, "inbox");

        StringBuilder csv = new StringBuilder("Patient First Name,Patient Last Name,DOB,Insurance ID,Provider,NPI\r\n");
        for (int i = 1; i <= 50; i++) {
            String dob = i == 17 ? "02/30/1980" : String.format(Locale.ROOT, "%02d/%02d/19%02d", 1 + i % 12, 1 + i % 28, 50 + i % 45);
            csv.append("Pat").append(i).append(",Row").append(i).append(',').append(dob).append(',').append(member((char) ('0' + i % 7)))
                    .append(",Sunrise Family Clinic,1999999984\r\n");
        }
        Path file = Files.createTempFile("patients-", ".csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Batches").setExact(true)).click();
        page.waitForURL(baseUrl() + "/batches");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("New batch"))).isVisible();
        Locator payer = page.getByLabel("Payer");
        payer.locator("option[value='87726']").waitFor(new Locator.WaitForOptions()
                .setState(com.microsoft.playwright.options.WaitForSelectorState.ATTACHED));
        payer.selectOption("87726");
        assertThat(payer).hasValue("87726");
        page.getByLabel("File").setInputFiles(file);
        // the preview: every column read (Provider → organization name), the bad row named before anything runs
        assertThat(page.getByText("49 valid")).isVisible();
        assertThat(page.getByText("1 would be refused")).isVisible();
        assertThat(page.getByText("Provider", new Page.GetByTextOptions().setExact(true)).first()).isVisible();
        look(page, "batch-preview");
        assertThat(jdbc.sql("select count(*) from batches").query(Long.class).single()).as("a preview stores nothing")
                .isEqualTo(jdbc.sql("select count(*) from batches").query(Long.class).single());

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start")).click();
        page.waitForURL(url -> url.matches(".*/batches/[0-9a-f-]{36}$"));
        String batchId = page.url().substring(page.url().lastIndexOf('/') + 1);
        Locator bar = page.getByRole(AriaRole.PROGRESSBAR).first();
        assertThat(bar).hasAttribute("aria-valuemax", "50");
        // live: the bar reaches 100 % with no reload
        assertThat(bar).hasAttribute("aria-valuenow", "50", new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions()
                .setTimeout(120_000));
        assertThat(page.getByText("Refused at upload")).isVisible();
        look(page, "batch");

        Download results = page.waitForDownload(() -> page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Download results")).click());
        String resultsCsv = Files.readString(results.path(), StandardCharsets.UTF_8);
        List<String> lines = resultsCsv.lines().toList();
        assertThat(lines).hasSize(51);
        assertThat(lines.get(0)).startsWith("\uFEFFPatient First Name,Patient Last Name,DOB,Insurance ID,Provider,NPI");
        assertThat(lines.get(17)).startsWith("Pat17,Row17,02/30/1980").contains("invalid");
        assertThat(lines.stream().filter(l -> l.contains(",succeeded,")).count()).isGreaterThanOrEqualTo(40);

        Download errors = page.waitForDownload(() -> page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Download errors")).click());
        List<String> errorLines = Files.readString(errors.path(), StandardCharsets.UTF_8).lines().toList();
        assertThat(errorLines).hasSize(2);
        assertThat(errorLines.get(1)).contains("DOB").doesNotContain("02/30/1980");

        JsonNode batch = http(Role.OPERATOR).get("/batches/" + batchId).json();
        assertThat(batch.at("/counts/total").asInt()).isEqualTo(50);
        assertThat(batch.at("/counts/invalid").asInt()).isEqualTo(1);
        assertThat(batch.get("status").asString()).isEqualTo("completed");
    }

    @Test
    void anMfaTaskAppearsInAnOpenInboxWithinTwoSecondsAndTheCodeFinishesTheRun() throws Exception {
        PortalSettings d = PortalSettings.defaults();
        STEDI.portals().settings(new PortalSettings(d.username(), d.password(), d.totpSecret(), "sent", 0, 900, 0, 0, "a"));
        try {
            jdbc.sql("delete from portal_sessions").update(); // no saved login: the run must sign in and meet MFA
            Page page = signIn(person("operator"));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("MFA code")).click();
            page.evaluate("() => { window.__sameDocument = true }");

            Runs runs = new Runs(http(Role.OPERATOR), jdbc);
            String request = Runs.eligibility("87726", "portal", member('0'), "Maria", "Lopez", "1990-02-02");
            String runId = runs.submit(request);
            String taskId = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> jdbc.sql(
                            "select breakpoint_id::text from breakpoints where run_id = ?::uuid and type = 'mfa' and status = 'open'")
                    .param(runId).query(String.class).optional(), java.util.Optional::isPresent).orElseThrow();
            Instant created = jdbc.sql("select created_at from breakpoints where breakpoint_id = ?::uuid").param(taskId)
                    .query(java.sql.Timestamp.class).single().toInstant();
            Locator row = page.locator("a[href='/inbox/" + taskId + "']");
            row.waitFor(new Locator.WaitForOptions().setTimeout(5_000));
            Duration toScreen = Duration.between(created, Instant.now());
            System.out.println("console e2e: MFA task on the open inbox " + toScreen.toMillis() + " ms after it was created");
            assertThat(toScreen).as("from the task's creation to its row on an open inbox").isLessThan(Duration.ofSeconds(2));
            assertThat(page.evaluate("() => window.__sameDocument === true")).as("no reload").isEqualTo(true);
            look(page, "inbox-live-mfa");

            row.click();
            page.waitForURL(baseUrl() + "/inbox/" + taskId);
            Locator code = page.getByLabel("Code", new Page.GetByLabelOptions().setExact(true));
            assertThat(code).isFocused();
            assertThat(page.getByAltText(java.util.regex.Pattern.compile("^Screenshot of step")).first()).isVisible();
            look(page, "inbox-task-mfa");
            String sent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(STEDI.portalUrl() + "/portal/_test/last-code"))
                    .header("Authorization", STEDI.apiKey()).build(), HttpResponse.BodyHandlers.ofString()).body()
                    .replaceAll(".*\"code\":\"([0-9]{6})\".*", "$1");
            code.fill(sent);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Submit").setExact(true)).click();

            runs.awaitStatus(runId, "succeeded", Duration.ofSeconds(90));
            assertThat(ServedEvidence.assertScreenshotsShowNoPhi(ServedEvidence.of(http(Role.ADMIN), runId), ServedEvidence.phiOf(request)))
                    .as("the run's evidence screenshots the console shows, read back by OCR").isPositive();
            page.navigate(baseUrl() + "/runs/" + runId);
            assertThat(page.getByText("Active coverage").first()).isVisible();
            assertThat(page.getByAltText(java.util.regex.Pattern.compile("^Screenshot of step"))).not().hasCount(0);
            assertThat(page.getByText("Deductible", new Page.GetByTextOptions().setExact(true)).first()).isVisible();
            // the last step's DOM snapshot beside its screenshot, shown in place (inert, sandboxed)
            assertThat(page.frameLocator("iframe[title^='Page snapshot of step']").locator("body")).containsText("Eligibility");
            look(page, "run-portal");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Raw JSON")).click();
            assertThat(page.getByLabel("Raw JSON of the run")).containsText("\"source\": \"portal\"");
        } finally {
            STEDI.portals().settings(d);
        }
    }

    @Test
    void aReviewerCorrectsADataErrorFromTheFormAndTheRunSucceeds() {
        String reviewer = person("reviewer");
        Runs runs = new Runs(http(Role.OPERATOR), jdbc);
        String runId = runs.submit(Runs.eligibility("87726", "clearinghouse", "RCMNOTFOUND01", "Ana", "Ruiz-" + UUID.randomUUID().toString().substring(0, 4), "1970-05-05"));
        runs.awaitStatus(runId, "waiting_for_human");
        String taskId = jdbc.sql("select breakpoint_id::text from breakpoints where run_id = ?::uuid and status = 'open'")
                .param(runId).query(String.class).single();

        Page page = signIn(reviewer);
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Admin").setExact(true))).hasCount(0);
        page.navigate(baseUrl() + "/inbox/" + taskId);
        assertThat(page.getByText("Check first:")).isVisible();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Correct").setExact(true)).click();
        Locator memberId = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Correct the request")).getByLabel("Member ID");
        assertThat(memberId).hasValue("RCMNOTFOUND01");
        look(page, "inbox-task-review");
        memberId.fill(member('0'));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send correction")).click();

        JsonNode done = runs.awaitStatus(runId, "succeeded", Duration.ofSeconds(60));
        assertThat(done.at("/output/coverage_status").asString()).isEqualTo("active");
        assertThat(jdbc.sql("select action from breakpoints where breakpoint_id = ?::uuid").param(taskId).query(String.class).single())
                .isEqualTo("correct");
        assertThat(jdbc.sql("select resolved_person from breakpoints where breakpoint_id = ?::uuid").param(taskId).query(String.class).single())
                .as("resolved by the person signed in").isEqualTo(reviewer);
        page.navigate(baseUrl() + "/runs/" + runId);
        assertThat(page.getByText("Active coverage").first()).isVisible();
        look(page, "run-corrected");
    }

    @Test
    void theMetricsPageShowsTheSameAutomationRateAsTheApi() {
        Page page = signIn(person("viewer"));
        assertThat(page).hasURL(baseUrl() + "/runs");
        look(page, "runs-as-viewer");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Metrics").setExact(true)).click();
        Locator tile = page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Automation rate"));
        assertThat(tile).isVisible();
        // runs of other tests may still be finishing: refresh until the page and the API agree on the same figures
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Refresh")).click();
            page.waitForLoadState();
            double rate = http(Role.VIEWER).get("/metrics/summary").json().at("/totals/automation_rate").asDouble();
            String expected = String.format(Locale.US, "%.1f%%", rate * 100);
            return tile.locator("p").nth(1).innerText().strip().equals(expected);
        });
        look(page, "metrics");
    }

    @Test
    void aSixthFailedSignInIsRefusedSaysWhenToTryAgainAndIsAudited() {
        String username = person("operator");
        Page page = context.newPage();
        page.navigate(baseUrl() + "/login");
        look(page, "login");
        for (int i = 1; i <= 6; i++) {
            page.getByLabel("Username").fill(username);
            page.getByLabel("Password").fill("not-my-password-" + i);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            assertThat(page.getByRole(AriaRole.ALERT)).isVisible();
            if (i < 5) {
                assertThat(page.getByRole(AriaRole.ALERT)).containsText("Wrong username or password");
            }
        }
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("locked");
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("15 minutes");
        look(page, "login-locked");
        assertThat(page).hasURL(baseUrl() + "/login");
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'auth.login.refused' and target_id = ? and details like '%account_locked%'")
                .param(username).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'auth.account.locked' and target_id = ?").param(username)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void everyPageAnAdminUsesLoadsByDeepLinkAndPassesAxe() {
        Page page = context.newPage();
        page.navigate(baseUrl() + "/admin");
        page.waitForURL(url -> url.contains("/login"));
        page.getByLabel("Username").fill("admin");
        page.getByLabel("Password").fill(io.rcmos.server.support.TestUsers.ADMIN_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        page.waitForURL(baseUrl() + "/admin");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Admin").setExact(true))).isVisible();
        look(page, "admin-users");
        for (String tab : List.of("API tokens", "Routing flags", "Payers", "Audit log")) {
            page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName(tab)).click();
            look(page, "admin-" + tab.toLowerCase(Locale.ROOT).replace(' ', '-'));
        }
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify")).click();
        assertThat(page.getByText("The chain is intact")).isVisible();

        Runs runs = new Runs(http(Role.OPERATOR), jdbc);
        String runId = runs.submit(Runs.eligibility("87726", "clearinghouse", member('1'), "Lee", "Park", "1981-03-04"));
        runs.awaitStatus(runId, "succeeded");
        for (String path : List.of("/runs", "/runs/new", "/runs/" + runId, "/batches", "/metrics", "/account", "/inbox")) {
            page.navigate(baseUrl() + path); // a deep link loads the app at that page
            page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
            look(page, "admin" + path.replace('/', '-').replace("-" + runId, "-run"));
        }
        page.navigate(baseUrl() + "/runs/" + runId);
        assertThat(page.getByText("Active coverage").first()).isVisible();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Rerun")).click();
        page.waitForURL(url -> url.matches(".*/runs/[0-9a-f-]{36}$") && !url.endsWith(runId));
        assertThat(page.getByText(java.util.regex.Pattern.compile("rerun of", java.util.regex.Pattern.CASE_INSENSITIVE)).first()).isVisible();

        page.navigate(baseUrl() + "/runs/new");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start check")).click();
        // every problem at once, before anything is sent
        assertThat(page.getByRole(AriaRole.ALERT)).containsText(java.util.regex.Pattern.compile("\\d+ problems need fixing"));
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Payer");
        look(page, "admin-runs-new-problems");
    }
}
