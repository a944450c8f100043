package io.rcmos.server.events;

import io.rcmos.server.platform.web.InvalidParameter;
import io.rcmos.server.platform.web.LiveCredentials;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /events}: Server-Sent Events. Each message has {@code id} = outbox position, {@code event} = type and
 * {@code data} = the envelope {@code {type, run_id, batch_id, payload, ts, source}}. Filters {@code run_id},
 * {@code batch_id}, {@code type}. {@code Last-Event-ID} (or {@code last_event_id}) resumes: the missed events are
 * replayed from the outbox, then the stream continues live, with nothing lost or repeated at the seam.
 */
@RestController
class EventStreamController {

    private static final int REPLAY_PAGE = 500;

    private final EventHub hub;
    private final EventsProperties props;
    private final JsonMapper json;
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sse-heartbeat");
        t.setDaemon(true);
        return t;
    });

    private final LiveCredentials credentials;

    EventStreamController(EventHub hub, EventsProperties props, JsonMapper json, LiveCredentials credentials) {
        this.hub = hub;
        this.props = props;
        this.json = json;
        this.credentials = credentials;
    }

    @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@RequestParam(name = "run_id", required = false) String runId,
                      @RequestParam(name = "batch_id", required = false) String batchId,
                      @RequestParam(name = "type", required = false) String type,
                      @RequestParam(name = "last_event_id", required = false) String lastEventParam,
                      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventHeader,
                      HttpServletRequest request) {
        EventFilter filter = EventFilter.of(uuid("run_id", runId), uuid("batch_id", batchId), type);
        if (type != null && !type.matches("^[a-z0-9_.*]+(,[a-z0-9_.*]+)*$")) {
            throw new InvalidParameter("type", "must be event types or prefixes (run.*), comma-separated");
        }
        String resumeFrom = lastEventHeader != null ? lastEventHeader : lastEventParam;
        Long after = resumeFrom == null ? null : position(resumeFrom);

        SseEmitter emitter = new SseEmitter(props.sseTimeout().toMillis());
        // the stream ends with the credential behind it: a signed-out, idle-expired or revoked session, a revoked token
        BooleanSupplier stillValid = credentials.of(request);
        Runnable[] cleanup = new Runnable[1];
        EventHub.Subscription subscription = hub.subscribe(filter, e -> send(emitter, e),
                after == null ? 0 : after, after != null, () -> emitter.complete());
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(() -> {
            try {
                if (!holds(stillValid)) {
                    cleanup[0].run();
                    emitter.complete();
                    return;
                }
                emitter.send(SseEmitter.event().comment("keep-alive"));
            } catch (IOException | IllegalStateException e) {
                cleanup[0].run();
            }
        }, props.heartbeat().toMillis(), props.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
        cleanup[0] = () -> {
            heartbeat.cancel(false);
            subscription.close();
        };
        emitter.onCompletion(cleanup[0]);
        emitter.onTimeout(cleanup[0]);
        emitter.onError(e -> cleanup[0].run());
        try {
            emitter.send(SseEmitter.event().comment("connected"));
            if (after != null) {
                List<Event> page;
                do {
                    page = hub.history(subscription.delivered(), filter, REPLAY_PAGE);
                    page.forEach(subscription::deliver);
                } while (page.size() == REPLAY_PAGE);
                subscription.resume();
            }
        } catch (IOException | RuntimeException e) {
            cleanup[0].run();
            emitter.completeWithError(e);
        }
        return emitter;
    }

    /** A check that cannot be made (the database is away) keeps the stream: it is re-checked at the next beat. */
    private static boolean holds(BooleanSupplier check) {
        try {
            return check.getAsBoolean();
        } catch (RuntimeException e) {
            return true;
        }
    }

    private void send(SseEmitter emitter, Event e) {
        try {
            emitter.send(SseEmitter.event().id(Long.toString(e.id())).name(e.type())
                    .data(json.writeValueAsString(EventEnvelope.of(e)), MediaType.APPLICATION_JSON));
        } catch (IOException ex) {
            throw new IllegalStateException("client gone", ex);
        }
    }

    private static UUID uuid(String name, String value) {
        return value == null ? null : InvalidParameter.uuid(name, value);
    }

    private static long position(String value) {
        try {
            long id = Long.parseLong(value.trim());
            if (id < 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new InvalidParameter("Last-Event-ID", "must be an event id this stream sent (a non-negative number)");
        }
    }

}
