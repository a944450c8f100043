package io.rcmos.server.support;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Reads a Server-Sent Events stream on a background thread into a queue of parsed messages. */
public final class SseClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One SSE message: id, event name, and the data parsed as JSON. */
    public record Message(long id, String event, JsonNode data) {
    }

    private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile int status;

    public SseClient(String url, String authorization, String lastEventId) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        response = HttpClient.newHttpClient().sendAsync(b.build(), HttpResponse.BodyHandlers.ofLines());
        // read on a thread of our own: the stream blocks until the server closes it
        reader = new Thread(() -> {
            try {
                HttpResponse<Stream<String>> r = response.get(30, TimeUnit.SECONDS);
                status = r.statusCode();
                List<String> frame = new ArrayList<>();
                r.body().forEach(line -> {
                    if (line.isEmpty()) {
                        parse(frame);
                        frame.clear();
                    } else {
                        frame.add(line);
                    }
                });
            } catch (Exception e) {
                // closed or failed: the test sees no more messages
            }
        }, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    private final Thread reader;

    private void parse(List<String> frame) {
        long id = -1;
        String event = null;
        StringBuilder data = new StringBuilder();
        for (String line : frame) {
            if (line.startsWith("id:")) {
                id = Long.parseLong(line.substring(3).trim());
            } else if (line.startsWith("event:")) {
                event = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).trim());
            }
        }
        if (event != null) {
            messages.add(new Message(id, event, JSON.readTree(data.toString())));
        }
    }

    /** The next message, or null after {@code timeout}. */
    public Message next(Duration timeout) throws InterruptedException {
        return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Exactly {@code n} messages, failing if they do not arrive within {@code timeout}. */
    public List<Message> take(int n, Duration timeout) throws InterruptedException {
        List<Message> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (out.size() < n) {
            Message m = messages.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (m == null) {
                throw new AssertionError("expected " + n + " SSE messages, got " + out.size() + ": " + out);
            }
            out.add(m);
        }
        return out;
    }

    public int status() throws Exception {
        return response.get(10, TimeUnit.SECONDS).statusCode();
    }

    @Override
    public void close() {
        response.cancel(true);
        if (response.isDone() && !response.isCompletedExceptionally() && !response.isCancelled()) {
            response.join().body().close();
        }
        reader.interrupt();
    }
}
