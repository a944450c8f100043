package io.rcmos.agent.run;

import io.rcmos.agent.browser.BrowserWorkers;
import io.rcmos.agent.evidence.Capture;
import io.rcmos.agent.evidence.Redactor;
import io.rcmos.agent.flow.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs flows on browser workers: one browser context per run, every step under its timeout and the whole run under
 * the flow's deadline, so nothing hangs. A run that reaches a breakpoint is parked — its page stays open on its
 * worker until the breakpoint's deadline — and {@link #resume} goes on from there with the person's answer; a
 * parked run nobody answers is closed when its deadline passes.
 */
public final class FlowExecutor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FlowExecutor.class);

    /** How long past a stretch's deadline its caller waits (a browser launch, closing the context) before giving up. */
    public static final Duration GRACE = Duration.ofSeconds(30);

    private final BrowserWorkers workers;
    private final io.opentelemetry.api.trace.Tracer tracer;
    private final Map<String, Parked> parked = new ConcurrentHashMap<>();
    private final ScheduledExecutorService janitor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "flow-janitor");
        t.setDaemon(true);
        return t;
    });

    private record Parked(FlowSession session, int worker, Instant until) {
    }

    public FlowExecutor(BrowserWorkers workers) {
        this(workers, io.opentelemetry.api.OpenTelemetry.noop().getTracer("rcm-agent"));
    }

    /** With a tracer: a {@code flow.run} span per stretch of a run and a {@code flow.step} span per step, children of the caller's span. */
    public FlowExecutor(BrowserWorkers workers, io.opentelemetry.api.trace.Tracer tracer) {
        this.workers = workers;
        this.tracer = tracer;
        janitor.scheduleWithFixedDelay(this::closeExpired, 5, 5, TimeUnit.SECONDS);
    }

    /** Starts a run of {@code flow}; blocks until it completes, fails or suspends (never past the flow's deadline). */
    public FlowResult start(Flow flow, FlowRequest request) {
        return start(flow, request, FlowProgress.NONE);
    }

    /** {@link #start(Flow, FlowRequest)}, reporting every step to {@code progress} and stopping when it gives the run up. */
    public FlowResult start(Flow flow, FlowRequest request, FlowProgress progress) {
        discard(request.runId()); // a retried attempt starts afresh
        io.opentelemetry.context.Context caller = io.opentelemetry.context.Context.current();
        return await(workers.submit(browser -> traced(caller, flow, request.runId(), "start", () -> {
            Capture capture = Capture.start(browser, request.storageState());
            FlowSession session = new FlowSession(flow, request, capture);
            session.tracer = tracer;
            session.progress = progress;
            return step(session);
        })), flow.deadline(), request.runId());
    }

    /**
     * Goes on with a parked run from its breakpoint with the person's {@code answer}. A run no longer parked here
     * (its deadline passed, or this process restarted) fails with {@code session_lost}, retryable: start it again.
     */
    public FlowResult resume(String runId, String answer) {
        return resume(runId, answer, FlowProgress.NONE);
    }

    /** {@link #resume(String, String)}, reporting every step to {@code progress} and stopping when it gives the run up. */
    public FlowResult resume(String runId, String answer, FlowProgress progress) {
        Parked p = parked.remove(runId);
        if (p == null) {
            return new FlowResult(new FlowOutcome.Failed("session_lost", "the browser session of this run is no longer open", "", true),
                    List.of(), null);
        }
        Duration left = Duration.between(Instant.now(), p.session().deadline);
        io.opentelemetry.context.Context caller = io.opentelemetry.context.Context.current();
        return await(workers.submit(p.worker(), browser -> traced(caller, p.session().flow, runId, "resume", () -> {
            p.session().answer = answer;
            p.session().progress = progress;
            return step(p.session());
        })), left.isNegative() ? Duration.ZERO : left, runId);
    }

    /**
     * Runs {@code flow} offline against a recording (a served, masked HAR): every input, secret and one-time code
     * is the mask, requests are answered from the HAR only. Yields the outputs the recorded run produced (fields
     * that held private values come back masked). Breakpoints in a replay are answered with the mask too.
     */
    public FlowOutcome replay(Flow flow, byte[] har) {
        return replay(flow, baseUrl(har), browser -> Capture.replay(browser, har));
    }

    /**
     * Runs {@code flow} offline against the DOM snapshots a run saved after each step that loaded a page
     * ({@code navigate} and {@code click} snapshots, in the order taken): each page load gets the next snapshot. The
     * snapshots are masked like everything served, so private fields come back masked, as with a HAR replay.
     */
    public FlowOutcome replayFromDom(Flow flow, String baseUrl, List<String> documents) {
        return replay(flow, baseUrl, browser -> Capture.replayDom(browser, documents));
    }

    private FlowOutcome replay(Flow flow, String base, java.util.function.Function<com.microsoft.playwright.Browser, Capture> context) {
        java.util.Map<String, String> masked = new java.util.HashMap<>();
        flow.inputs().keySet().forEach(k -> masked.put(k, Redactor.MASK));
        java.util.Map<String, String> secrets = new java.util.HashMap<>();
        flow.secrets().forEach(k -> secrets.put(k, Redactor.MASK));
        FlowRequest request = new FlowRequest("replay-" + java.util.UUID.randomUUID(), masked, secrets, null, base, null, false, true);
        FlowResult result = await(workers.submit(browser -> {
            FlowSession session = new FlowSession(flow, request, context.apply(browser));
            FlowOutcome outcome = new Interpreter(session).run();
            while (outcome instanceof FlowOutcome.Suspended) {
                session.answer = Redactor.MASK;
                outcome = new Interpreter(session).run();
            }
            session.capture.finish();
            return new Stretch(new FlowResult(outcome, List.of(), null), null);
        }), flow.deadline(), request.runId());
        return result.outcome();
    }

    /** The scheme, host and port of the first request of a HAR: what {@code ${portal.base_url}} stood for. */
    static String baseUrl(byte[] har) {
        var root = tools.jackson.databind.json.JsonMapper.builder().build().readTree(har);
        String url = root.path("log").path("entries").path(0).path("request").path("url").asString("");
        java.net.URI uri = java.net.URI.create(url);
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("the HAR holds no request to replay");
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    /** Runs a stretch of a flow inside a {@code flow.run} span parented on the caller's (activity's) span. */
    private <T> T traced(io.opentelemetry.context.Context caller, Flow flow, String runId, String mode, java.util.function.Supplier<T> work) {
        io.opentelemetry.api.trace.Span span = tracer.spanBuilder("flow.run").setParent(caller)
                .setAttribute("run_id", runId).setAttribute("flow", flow.name()).setAttribute("portal", flow.portal())
                .setAttribute("flow.mode", mode).startSpan();
        try (io.opentelemetry.context.Scope ignored = span.makeCurrent()) {
            return work.get();
        } finally {
            span.end();
        }
    }

    /** Whether a run is parked at a breakpoint in this process. */
    public boolean isParked(String runId) {
        return parked.containsKey(runId);
    }

    private record Stretch(FlowResult result, FlowSession session) {
    }

    private Stretch step(FlowSession session) {
        FlowOutcome outcome;
        try {
            outcome = new Interpreter(session).run();
        } catch (RuntimeException e) {
            // the browser or driver broke outside any step's handling: close the context, keep what evidence there is
            log.warn("flow run broke: {}", e.getClass().getSimpleName());
            outcome = new FlowOutcome.Failed("browser_error", "the browser failed", "", true);
            List<EvidenceFile> evidence;
            try {
                evidence = session.finish(outcome);
            } catch (RuntimeException closing) {
                evidence = List.of();
            }
            return new Stretch(new FlowResult(outcome, evidence, null), null);
        }
        if (outcome instanceof FlowOutcome.Suspended) {
            return new Stretch(new FlowResult(outcome, session.drain(), null), session);
        }
        String state = null;
        if (outcome instanceof FlowOutcome.Completed) {
            try {
                state = session.capture.storageState();
            } catch (RuntimeException e) {
                // no login to keep
            }
        }
        return new Stretch(new FlowResult(outcome, session.finish(outcome), state), null);
    }

    private FlowResult await(CompletableFuture<BrowserWorkers.Pinned<Stretch>> future, Duration deadline, String runId) {
        try {
            BrowserWorkers.Pinned<Stretch> done = future.get(deadline.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
            Stretch stretch = done.value();
            if (stretch.result().outcome() instanceof FlowOutcome.Suspended s) {
                parked.put(runId, new Parked(stretch.session(), done.worker(), Instant.now().plus(s.deadline())));
            }
            return stretch.result();
        } catch (TimeoutException e) {
            future.cancel(true);
            return new FlowResult(new FlowOutcome.Failed("deadline_exceeded", "the flow did not finish within its deadline", "", true),
                    List.of(), null);
        } catch (ExecutionException e) {
            log.warn("flow run failed in the browser: {}", e.getCause() == null ? "unknown" : e.getCause().getClass().getSimpleName());
            return new FlowResult(new FlowOutcome.Failed("browser_error", "the browser failed", "", true), List.of(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new FlowResult(new FlowOutcome.Failed("interrupted", "interrupted", "", true), List.of(), null);
        }
    }

    private void discard(String runId) {
        Parked p = parked.remove(runId);
        if (p != null) {
            workers.submit(p.worker(), browser -> {
                p.session().capture.finish();
                return null;
            });
        }
    }

    private void closeExpired() {
        Instant now = Instant.now();
        parked.forEach((runId, p) -> {
            if (now.isAfter(p.until())) {
                discard(runId);
            }
        });
    }

    @Override
    public void close() {
        janitor.shutdownNow();
        parked.keySet().forEach(this::discard);
    }
}
