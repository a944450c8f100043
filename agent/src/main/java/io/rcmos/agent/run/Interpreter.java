package io.rcmos.agent.run;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.LoadState;
import com.microsoft.playwright.options.SelectOption;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.rcmos.agent.evidence.Redactor;
import io.rcmos.agent.flow.Condition;
import io.rcmos.agent.flow.Flow;
import io.rcmos.agent.flow.Step;
import io.rcmos.agent.flow.Template;
import io.rcmos.agent.flow.UrlPattern;
import io.rcmos.agent.flow.ValueType;
import io.rcmos.agent.secrets.Totp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs the steps of one flow in one browser page, on the worker thread that owns the page. A breakpoint without an
 * answer suspends the run (the page stays open); resuming walks the step tree again without acting until it reaches
 * the breakpoint that suspended, takes the answer there and goes on — so a breakpoint may sit inside {@code if},
 * {@code retry} or {@code for_each}. Logs and failure messages name steps and locators as written in the flow,
 * never page text or values.
 */
final class Interpreter {

    private static final Logger log = LoggerFactory.getLogger(Interpreter.class);

    /** Control transfer: the flow ended early ({@code end}). */
    static final class Ended extends RuntimeException {
        Ended() {
            super(null, null, false, false);
        }
    }

    /** Control transfer: waiting for a person at this breakpoint. */
    static final class Suspend extends RuntimeException {
        final Step.Breakpoint at;

        Suspend(Step.Breakpoint at) {
            super(null, null, false, false);
            this.at = at;
        }
    }

    /** A step failed; {@code code} is stable, {@code message} free of page text and values. */
    static final class StepFailed extends RuntimeException {
        final String code;
        final String path;
        final boolean retryable;

        StepFailed(String code, String message, String path, boolean retryable) {
            super(message, null, false, false);
            this.code = code;
            this.path = path;
            this.retryable = retryable;
        }
    }

    private final FlowSession s;

    Interpreter(FlowSession session) {
        this.s = session;
    }

    /** Runs (or resumes) the flow to its end or its next breakpoint. */
    FlowOutcome run() {
        try {
            steps(s.flow.steps());
            return new FlowOutcome.Completed(outputs());
        } catch (Ended e) {
            return new FlowOutcome.Completed(outputs());
        } catch (Suspend e) {
            s.resumeAt = e.at.info().path();
            return new FlowOutcome.Suspended(e.at.kind(), e.at.prompt(), e.at.deadline(), e.at.info().path());
        } catch (StepFailed e) {
            s.failureEvidence(e.path);
            return new FlowOutcome.Failed(e.code, e.getMessage(), e.path, e.retryable);
        }
    }

    private Map<String, Object> outputs() {
        return new LinkedHashMap<>(s.outputs);
    }

    private void steps(List<Step> steps) {
        for (Step step : steps) {
            String path = step.info().path();
            if (s.resumeAt != null) {
                if (!(s.resumeAt.equals(path) || s.resumeAt.startsWith(path + "."))) {
                    continue; // already done before the breakpoint
                }
                if (s.resumeAt.equals(path) && step instanceof Step.Breakpoint b) {
                    s.resumeAt = null;
                    answer(b);
                    continue;
                }
            }
            step(step);
        }
    }

    private void step(Step step) {
        if (Instant.now().isAfter(s.deadline)) {
            throw new StepFailed("deadline_exceeded", "the flow's deadline passed before step " + step.info().path(), step.info().path(), true);
        }
        if (s.progress.abandoned()) {
            throw new StepFailed("abandoned", "the caller gave this run up before step " + step.info().path(), step.info().path(), true);
        }
        s.progress.step(step.info().path());
        String op = Step.op(step.getClass());
        long started = System.nanoTime();
        io.opentelemetry.api.trace.Span span = s.tracer.spanBuilder("flow.step " + op).setAttribute("run_id", s.request.runId())
                .setAttribute("flow", s.flow.name()).setAttribute("step.path", step.info().path()).setAttribute("step.op", op).startSpan();
        io.opentelemetry.context.Scope scope = span.makeCurrent();
        s.page.setDefaultTimeout(step.info().timeout().toMillis());
        s.page.setDefaultNavigationTimeout(step.info().timeout().toMillis());
        String outcome = "ok";
        try {
            execute(step);
        } catch (Suspend | Ended e) {
            outcome = e instanceof Suspend ? "suspended" : "ended";
            throw e;
        } catch (StepFailed e) {
            outcome = e.code;
            throw e;
        } catch (TimeoutError e) {
            outcome = "timeout";
            throw new StepFailed("step_timeout", op + " did not finish within " + step.info().timeout().toSeconds() + " s",
                    step.info().path(), true);
        } catch (Values.Unreadable e) {
            outcome = "unreadable";
            throw new StepFailed("unreadable_value", e.getMessage(), step.info().path(), false);
        } catch (PlaywrightException e) {
            outcome = "browser_error";
            throw new StepFailed("browser_error", op + " failed in the browser", step.info().path(), true);
        } finally {
            long ms = (System.nanoTime() - started) / 1_000_000;
            s.record(step.info().path(), op, ms, outcome);
            span.setAttribute("step.outcome", outcome);
            if (!"ok".equals(outcome) && !"suspended".equals(outcome) && !"ended".equals(outcome)) {
                span.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR, outcome);
            }
            scope.close();
            span.end();
            log.debug("flow step path={} op={} ms={} outcome={}", step.info().path(), op, ms, outcome);
        }
        if (s.request.stepScreenshots() && actsOnPage(step)) {
            s.screenshot(String.format("%03d-%s", s.sequence(), op), false);
        }
    }

    /** Steps after which the page may look different: each leaves a screenshot and DOM snapshot when step evidence is on. */
    private static boolean actsOnPage(Step step) {
        return step instanceof Step.Navigate || step instanceof Step.Fill || step instanceof Step.Select || step instanceof Step.Click
                || step instanceof Step.Wait;
    }

    private void execute(Step step) {
        String path = step.info().path();
        if (step instanceof Step.Navigate n) {
            var response = s.page.navigate(text(n.url()));
            if (response != null && response.status() >= 500) {
                throw new StepFailed("portal_error", "the portal answered HTTP " + response.status(), path, true);
            }
        } else if (step instanceof Step.Fill f) {
            Locator field = element(f.locator(), null, step);
            String value = text(f.value());
            if (f.format().isPresent() && value != null && !value.isEmpty() && !value.equals(Redactor.MASK)) {
                value = DateTimeFormatter.ofPattern(f.format().get(), Locale.US).format(LocalDate.parse(value));
            }
            if (f.secret() || step.info().sensitive() || refersToPrivate(f.value())) {
                s.sensitive(field, value);
            }
            field.fill(value == null ? "" : value);
        } else if (step instanceof Step.Select sel) {
            Locator field = element(sel.locator(), null, step);
            field.selectOption(new SelectOption().setLabel(text(sel.value())));
        } else if (step instanceof Step.Click c) {
            element(c.locator(), c.within().orElse(null), step).click();
            settle();
        } else if (step instanceof Step.Wait w) {
            await(w, step);
        } else if (step instanceof Step.Extract x) {
            extract(x, step);
        } else if (step instanceof Step.Assert a) {
            if (!holds(a.that())) {
                throw new StepFailed("assertion_failed", a.message().orElse("assertion at " + path + " does not hold"), path, false);
            }
        } else if (step instanceof Step.Emit e) {
            emit(e);
        } else if (step instanceof Step.Breakpoint b) {
            throw new Suspend(b);
        } else if (step instanceof Step.If i) {
            if (s.resumeAt != null) {
                steps(s.resumeAt.startsWith(path + ".then[") ? i.then() : i.otherwise());
            } else {
                steps(holds(i.when()) ? i.then() : i.otherwise());
            }
        } else if (step instanceof Step.ForEach fe) {
            forEach(fe);
        } else if (step instanceof Step.Screenshot sh) {
            s.screenshot(sh.name(), sh.fullPage());
        } else if (step instanceof Step.Retry r) {
            retry(r);
        } else if (step instanceof Step.End) {
            throw new Ended();
        } else if (step instanceof Step.Fail f) {
            throw new StepFailed("flow_failed", f.reason(), path, false);
        }
    }

    /** After a click: let a navigation it started reach "load", without waiting when none started. */
    private void settle() {
        try {
            s.page.waitForLoadState(LoadState.LOAD, new Page.WaitForLoadStateOptions().setTimeout(15_000));
        } catch (TimeoutError ignored) {
            // a slow page: the next step's own wait decides
        }
    }

    private void answer(Step.Breakpoint b) {
        String answer = s.answer;
        s.answer = null;
        b.into().ifPresent(name -> s.vars.put(name, answer));
        if (answer != null) {
            s.secretValues.add(answer);
        }
    }

    private void forEach(Step.ForEach fe) {
        String name = fe.in().startsWith("${") && fe.in().endsWith("}") ? fe.in().substring(2, fe.in().length() - 1).strip() : fe.in();
        Object rows = s.vars.get(name);
        if (!(rows instanceof List<?> list)) {
            throw new StepFailed("not_a_list", fe.in() + " holds no rows", fe.info().path(), false);
        }
        int start = s.resumeAt != null ? s.loops.getOrDefault(fe.info().path(), 0) : 0;
        for (int i = start; i < list.size(); i++) {
            s.loops.put(fe.info().path(), i);
            s.vars.put(fe.as(), list.get(i));
            steps(fe.body());
        }
        s.loops.remove(fe.info().path());
    }

    private void retry(Step.Retry r) {
        for (int attempt = 1; ; attempt++) {
            try {
                steps(r.body());
                return;
            } catch (StepFailed e) {
                if (attempt >= r.attempts() || !e.retryable) {
                    throw e;
                }
                log.info("flow retry path={} attempt={} code={}", r.info().path(), attempt, e.code);
                s.page.waitForTimeout(r.backoff().toMillis());
            }
        }
    }

    private void await(Step.Wait w, Step step) {
        Duration timeout = step.info().timeout();
        if (w.until() instanceof Step.UntilElement e) {
            Locator found = Locators.await(s.page, scope(null), e.locator(), this::text, e.state() == Step.ElementState.DETACHED
                    || e.state() == Step.ElementState.HIDDEN ? Duration.ZERO : timeout);
            if (e.state() == Step.ElementState.VISIBLE || e.state() == Step.ElementState.ATTACHED) {
                if (found == null) {
                    throw notFound(e.locator(), step);
                }
                found.waitFor(new Locator.WaitForOptions().setTimeout(timeout.toMillis())
                        .setState(e.state() == Step.ElementState.VISIBLE ? WaitForSelectorState.VISIBLE : WaitForSelectorState.ATTACHED));
            } else if (found != null) {
                found.waitFor(new Locator.WaitForOptions().setTimeout(timeout.toMillis())
                        .setState(e.state() == Step.ElementState.HIDDEN ? WaitForSelectorState.HIDDEN : WaitForSelectorState.DETACHED));
            }
        } else if (w.until() instanceof Step.UntilUrl u) {
            s.page.waitForURL(urlPattern(u.url()), new Page.WaitForURLOptions().setTimeout(timeout.toMillis()));
        } else if (w.until() instanceof Step.UntilNetworkIdle) {
            s.page.waitForLoadState(LoadState.NETWORKIDLE, new Page.WaitForLoadStateOptions().setTimeout(timeout.toMillis()));
        } else if (w.until() instanceof Step.UntilElapsed d) {
            s.page.waitForTimeout(d.duration().toMillis());
        }
    }

    private void extract(Step.Extract x, Step step) {
        Locator el = element(x.locator(), x.within().orElse(null), step);
        if (step.info().sensitive()) {
            s.sensitiveRegions.add(el);
        }
        switch (x.kind()) {
            case TEXT -> s.vars.put(x.into(), Values.parse(el.innerText(), x.parse()));
            case ATTRIBUTE -> s.vars.put(x.into(), Values.parse(el.getAttribute(x.attribute().orElse("value")), x.parse()));
            case TABLE -> s.vars.put(x.into(), table(el, x, step));
        }
    }

    /** Rows of a table, each column found by its header text; every row keeps its element for {@code within}. */
    private List<Map<String, Object>> table(Locator table, Step.Extract x, Step step) {
        List<String> headers = table.locator("thead th, thead td").allInnerTexts();
        if (headers.isEmpty()) {
            headers = table.locator("tr").first().locator("th").allInnerTexts();
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        for (Step.Column c : x.columns()) {
            int found = -1;
            for (int i = 0; i < headers.size(); i++) {
                if (headers.get(i).strip().equalsIgnoreCase(c.header().strip())) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                throw new StepFailed("column_not_found", "table has no column headed '" + c.header() + "'", step.info().path(), false);
            }
            index.put(c.name(), found);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        Locator trs = table.locator("tbody tr");
        int count = trs.count();
        for (int r = 0; r < count; r++) {
            Locator tr = trs.nth(r);
            List<String> cells = tr.locator("td, th").allInnerTexts();
            if (cells.isEmpty()) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (Step.Column c : x.columns()) {
                int i = index.get(c.name());
                row.put(c.name(), i < cells.size() ? Values.parse(cells.get(i), c.parse()) : null);
            }
            row.put(FlowSession.ROW_ELEMENT, tr);
            rows.add(row);
        }
        return rows;
    }

    private void emit(Step.Emit e) {
        Map<String, Object> values = new LinkedHashMap<>();
        Flow.Output list = e.appendTo().map(name -> s.flow.outputs().get(name)).orElse(null);
        for (var entry : e.values().entrySet()) {
            ValueType type = list != null ? list.fields().get(entry.getKey())
                    : s.flow.outputs().containsKey(entry.getKey()) ? s.flow.outputs().get(entry.getKey()).type() : null;
            values.put(entry.getKey(), Values.convert(plain(value(entry.getValue())), type));
        }
        if (e.appendTo().isPresent()) {
            @SuppressWarnings("unchecked")
            List<Object> items = (List<Object>) s.outputs.computeIfAbsent(e.appendTo().get(), k -> new ArrayList<>());
            items.add(values);
        } else {
            s.outputs.putAll(values);
        }
    }

    /** Emitted values are data only: table rows lose the elements they were read from. */
    private static Object plain(Object v) {
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                out.add(plain(item));
            }
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, val) -> {
                if (!FlowSession.ROW_ELEMENT.equals(k)) {
                    out.put(String.valueOf(k), plain(val));
                }
            });
            return out;
        }
        return v;
    }

    private boolean holds(Condition c) {
        if (!(c instanceof Condition.Equals || c instanceof Condition.Not || c instanceof Condition.All || c instanceof Condition.Any)) {
            settleQuietly(); // page-state conditions look at the page as loaded
        }
        if (c instanceof Condition.Visible v) {
            Locator l = Locators.now(scope(null), v.locator(), this::text);
            return l != null && l.isVisible();
        }
        if (c instanceof Condition.Present p) {
            return Locators.now(scope(null), p.locator(), this::text) != null;
        }
        if (c instanceof Condition.TextPresent t) {
            return s.page.getByText(text(t.text())).count() > 0;
        }
        if (c instanceof Condition.UrlMatches u) {
            return urlPattern(u.url()).matcher(s.page.url()).matches();
        }
        if (c instanceof Condition.ElementText et) {
            Locator l = Locators.now(scope(null), et.locator(), this::text);
            return l != null && et.matches().matcher(l.innerText()).find();
        }
        if (c instanceof Condition.Equals eq) {
            Object v = value(eq.value());
            return v != null && String.valueOf(v).equals(eq.to());
        }
        if (c instanceof Condition.Not n) {
            return !holds(n.condition());
        }
        if (c instanceof Condition.All all) {
            return all.conditions().stream().allMatch(this::holds);
        }
        if (c instanceof Condition.Any any) {
            return any.conditions().stream().anyMatch(this::holds);
        }
        throw new IllegalStateException("unknown condition " + c);
    }

    /** Conditions look at the page as loaded, not half-rendered. */
    private void settleQuietly() {
        try {
            s.page.waitForLoadState(LoadState.LOAD, new Page.WaitForLoadStateOptions().setTimeout(10_000));
        } catch (TimeoutError ignored) {
            // judge the page as it is
        }
    }

    private Locator element(io.rcmos.agent.flow.Locator locator, String within, Step step) {
        Locator found = Locators.await(s.page, scope(within), locator, this::text, step.info().timeout());
        if (found == null) {
            throw notFound(locator, step);
        }
        return found;
    }

    private Locator scope(String within) {
        if (within == null) {
            return Locators.root(s.page);
        }
        Object row = s.vars.get(within);
        if (row instanceof Map<?, ?> m && m.get(FlowSession.ROW_ELEMENT) instanceof Locator l) {
            return l;
        }
        throw new StepFailed("not_a_row", within + " is not a table row", "", false);
    }

    private StepFailed notFound(io.rcmos.agent.flow.Locator locator, Step step) {
        return new StepFailed("element_not_found", "no element matched " + Locators.describe(locator) + " within "
                + step.info().timeout().toSeconds() + " s", step.info().path(), true);
    }

    private static boolean refersToPrivate(Template t) {
        return t.refs().stream().anyMatch(r -> List.of("input", "secrets", "totp").contains(r.root()));
    }

    private Pattern urlPattern(UrlPattern u) {
        String p = text(u.pattern());
        if (u.regex()) {
            return Pattern.compile(p);
        }
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < p.length(); i++) {
            char ch = p.charAt(i);
            if (ch == '*' && i + 1 < p.length() && p.charAt(i + 1) == '*') {
                re.append(".*");
                i++;
            } else if (ch == '*') {
                re.append("[^/]*");
            } else if (ch == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(re.toString());
    }

    /** A template as text: references resolved, a missing value as empty text. */
    String text(Template t) {
        if (t == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (Template.Part part : t.parts()) {
            if (part instanceof Template.Literal l) {
                out.append(l.text());
            } else if (part instanceof Template.Ref r) {
                Object v = resolve(r);
                out.append(v == null ? "" : v);
            }
        }
        return out.toString();
    }

    /** A template as a value: a single reference keeps its type (a decimal, a row list); otherwise text. */
    private Object value(Template t) {
        return t.singleRef().map(this::resolve).orElseGet(() -> text(t));
    }

    private Object resolve(Template.Ref r) {
        List<String> seg = r.segments();
        String name = seg.size() > 1 ? seg.get(1) : null;
        return switch (r.root()) {
            case "input" -> s.request.input().get(name);
            case "secrets" -> secret(name);
            case "totp" -> totp();
            case "portal" -> "base_url".equals(name) ? s.request.baseUrl() : null;
            default -> {
                Object v = s.vars.get(r.root());
                for (int i = 1; i < seg.size() && v != null; i++) {
                    v = v instanceof Map<?, ?> m ? m.get(seg.get(i)) : null;
                }
                yield v;
            }
        };
    }

    private String secret(String name) {
        String v = s.request.secrets().get(name);
        if (v == null) {
            throw new StepFailed("secret_missing", "the portal credential has no secret '" + name + "'", "", false);
        }
        return v;
    }

    private String totp() {
        if (s.request.replay()) {
            return Redactor.MASK;
        }
        if (s.request.totp() == null) {
            throw new StepFailed("totp_unavailable", "this portal credential has no authenticator secret", "", false);
        }
        Instant now = Instant.now();
        if (Totp.secondsLeft(now) < 3) {
            now = now.plusSeconds(3); // too close to the end of its step: the portal may check the next one
        }
        String code = s.request.totp().code(now);
        s.secretValues.add(code);
        return code;
    }
}
