package io.rcmos.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.rcmos.sim.portal.FakePortals;
import io.rcmos.sim.portal.PortalSettings;
import io.rcmos.sim.registry.Registry;
import io.rcmos.sim.stedi.Faults;
import io.rcmos.sim.stedi.RawX12Requests;
import io.rcmos.sim.stedi.StediSimulator;
import io.rcmos.sim.stedi.Traffic;
import io.rcmos.sim.stedi.Webhooks;
import io.rcmos.sim.stedi.X12Answers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulator process: Stedi's four real-time endpoints under {@code /2024-04-01}, with Stedi's auth header
 * rule (the bare API key, no {@code Bearer}), fault injection, and {@code /healthz}. Started by {@code ./rcm up}
 * when no {@code STEDI_API_KEY} is set, and in-process by the server's integration tests.
 *
 * <p>Deterministic faults for tests: a member id starting with {@code FAULT429}, {@code FAULT500},
 * {@code FAULT503}, {@code FAULTHANG} or {@code FAULTBAD} gets that fault on its first call and an active answer after.
 * Random faults ({@link Faults}) come from the configuration and can be changed while running ({@link #faults(Faults)});
 * {@link #traffic()} counts requests, faults and concurrency per member id.
 */
public final class SimServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimServer.class);
    public static final String BASE = "/2024-04-01";
    private static final long MAX_BODY = 1 << 20;

    /**
     * Settings of one simulator instance. {@code port} 0 picks a free port; {@code bind} is the address it listens on
     * (the loopback unless told otherwise: {@code 0.0.0.0} in a container that other containers reach).
     */
    public record Config(int port, String apiKey, Registry registry, Faults faults, String bind) {
        public Config(int port, String apiKey, Registry registry, Faults faults) {
            this(port, apiKey, registry, faults, "127.0.0.1");
        }

        public static Config defaults() {
            return new Config(0, "sim-test-key", Registry.bundled(), Faults.NONE);
        }

        public Config withFaults(Faults f) {
            return new Config(port, apiKey, registry, f, bind);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Config config;
    private final StediSimulator stedi;
    private final JsonMapper json = JsonMapper.builder().build();
    private final AtomicInteger burstLeft = new AtomicInteger();
    private final Set<String> faultServed = ConcurrentHashMap.newKeySet();
    private final AtomicInteger calls = new AtomicInteger();
    private final Traffic traffic = new Traffic();
    private volatile Faults faults;
    private final Webhooks webhooks = new Webhooks();
    private final FakePortals portals;

    private SimServer(Config config) throws IOException {
        this.config = config;
        this.faults = config.faults();
        this.stedi = new StediSimulator(config.registry());
        this.server = HttpServer.create(new InetSocketAddress(config.bind(), config.port()), 256);
        this.executor = Executors.newFixedThreadPool(64);
        server.setExecutor(executor);
        server.createContext("/healthz", ex -> send(ex, 200, "{\"status\":\"ok\"}"));
        server.createContext(BASE + "/", this::stedi);
        server.createContext("/sim/requests", this::requests);
        this.portals = new FakePortals(config.registry(), config.apiKey(), java.time.Clock.systemUTC());
        server.createContext("/availity", portals::handle);
        server.createContext("/uhc", portals::handle);
        server.createContext("/portal/", portals::handle);
        server.start();
    }

    public static SimServer start(Config config) {
        try {
            return new SimServer(config);
        } catch (IOException e) {
            throw new IllegalStateException("simulator could not bind port " + config.port(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL a Stedi client points at: {@code http://127.0.0.1:<port>/2024-04-01}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + BASE;
    }

    public String apiKey() {
        return config.apiKey();
    }

    /** Requests answered so far (any endpoint under the API base), for tests that count retries. */
    public int calls() {
        return calls.get();
    }

    /** Per-member counts of what this simulator received (requests, faults, requests in flight at once). */
    public Traffic traffic() {
        return traffic;
    }

    /** The faults in force now. */
    public Faults faults() {
        return faults;
    }

    /** Changes the injected faults from the next request on (a test's fault-free and faulty phases). */
    public void faults(Faults f) {
        this.faults = java.util.Objects.requireNonNull(f);
    }

    /** The fake Availity and UHC portals served by this simulator ({@code baseUrl} of the portal channel: {@link #portalUrl()}). */
    public FakePortals portals() {
        return portals;
    }

    /** Where the fake portals live: {@code http://127.0.0.1:<port>} (flows add {@code /availity/…}, {@code /uhc/…}). */
    public String portalUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Asynchronous 277 deliveries: set a target to have pending claims finalized and announced by webhook. */
    public Webhooks webhooks() {
        return webhooks;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        webhooks.close();
    }

    private void stedi(HttpExchange ex) throws IOException {
        try (ex) {
            calls.incrementAndGet();
            String key = ex.getRequestHeaders().getFirst("Authorization");
            if (key == null || !constantTimeEquals(key, config.apiKey())) {
                send(ex, 401, "{\"message\":\"Unauthorized\"}");
                return;
            }
            String path = ex.getRequestURI().getPath().substring(BASE.length());
            boolean post = "POST".equals(ex.getRequestMethod());
            byte[] body = readBody(ex);
            if (body == null) {
                send(ex, 413, "{\"message\":\"Request body too large\"}");
                return;
            }
            JsonNode request;
            try {
                request = body.length == 0 ? null : json.readTree(body);
            } catch (JacksonException e) {
                send(ex, 400, "{\"message\":\"Request body is not valid JSON\",\"fieldList\":[]}");
                return;
            }
            String member = member(request);
            String controlNumber = controlNumber(request);
            try (Traffic.InFlight ignored = traffic.arrived(member, controlNumber)) {
                // the same exchange: the same control number with the same request, byte for byte (a control number drawn
                // again by another client — another database in a test JVM — with another question is another exchange)
                String exchangeKey = controlNumber == null ? null : path + " " + controlNumber + " " + sha256(body);
                Exchange before = exchangeKey == null ? null : exchanges.get(exchangeKey);
                if (before != null) {
                    // the same exchange asked again (a client that lost our answer): answered as the first time
                    send(ex, before.status(), before.body());
                    return;
                }
                answer(ex, path, post, request, member, exchangeKey);
            }
        } catch (RuntimeException e) {
            log.warn("simulator error {}", e.getClass().getSimpleName());
            try {
                send(ex, 500, "{\"message\":\"Internal error\"}");
            } catch (IOException ignored) {
                // client gone
            }
        }
    }

    /** An answered exchange: what a repeat of its control number gets. */
    private record Exchange(int status, String body) {
    }

    private static final int MAX_EXCHANGES = 200_000;
    private final Map<String, Exchange> exchanges = new ConcurrentHashMap<>();

    /**
     * {@code GET /sim/requests} (Stedi's API key): per member id, the requests received, the distinct exchanges
     * (control numbers) and how often each was asked, repeats and faults — for tests that prove no check was sent
     * twice.
     */
    private void requests(HttpExchange ex) throws IOException {
        try (ex) {
            String key = ex.getRequestHeaders().getFirst("Authorization");
            if (key == null || !constantTimeEquals(key, config.apiKey())) {
                send(ex, 401, "{\"message\":\"Unauthorized\"}");
                return;
            }
            tools.jackson.databind.node.ObjectNode out = json.createObjectNode();
            out.put("calls", calls.get());
            tools.jackson.databind.node.ObjectNode members = out.putObject("members");
            for (String member : new java.util.TreeSet<>(traffic.members())) {
                tools.jackson.databind.node.ObjectNode m = members.putObject(member);
                m.put("requests", traffic.requests(member)).put("exchanges", traffic.exchanges(member))
                        .put("repeats", traffic.repeats(member)).put("faults", traffic.faults(member));
                tools.jackson.databind.node.ObjectNode numbers = m.putObject("control_numbers");
                traffic.controlNumbers(member).forEach(numbers::put);
            }
            send(ex, 200, json.writeValueAsString(out));
        }
    }

    /** Stedi's {@code controlNumber} of a JSON request, or ISA13 of a raw X12 one; null when there is none. */
    private static String controlNumber(JsonNode request) {
        if (request == null) {
            return null;
        }
        String number = request.path("controlNumber").asString("");
        if (number.isEmpty() && request.has("x12")) {
            String x12 = request.path("x12").asString("");
            if (x12.startsWith("ISA") && x12.length() > 105) {
                String[] isa = x12.substring(0, 106).split(java.util.regex.Pattern.quote(String.valueOf(x12.charAt(3))), -1);
                number = isa.length > 13 ? isa[13].trim() : "";
            }
        }
        return number.isEmpty() ? null : number;
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void answer(HttpExchange ex, String path, boolean post, JsonNode request, String member, String exchangeKey) throws IOException {
        String controlNumber = exchangeKey == null ? null : controlNumber(request);
        if (injectFault(ex, member)) {
            return;
        }
        if (!post && path.matches("/change/medicalnetwork/reports/v2/[^/]+/277")) {
            var report = webhooks.report(path.split("/")[5]);
            send(ex, report.isPresent() ? 200 : 404, report.isPresent() ? json.writeValueAsString(report.get())
                    : "{\"message\":\"Report not found\"}");
            return;
        }
        StediSimulator.Answer answer = switch (post ? path : "") {
            case "/change/medicalnetwork/eligibility/v3" -> stedi.eligibility(request);
            case "/change/medicalnetwork/claimstatus/v2" -> stedi.claimStatus(request);
            case "/change/medicalnetwork/eligibility/v3/raw-x12" -> raw(request, raw.eligibility(x12(request)), stedi::eligibility);
            case "/change/medicalnetwork/claimstatus/v2/raw-x12" -> raw(request, raw.claimStatus(x12(request)), stedi::claimStatus);
            default -> null;
        };
        if (answer == null) {
            send(ex, 404, "{\"message\":\"Not Found\"}");
            return;
        }
        if (path.startsWith("/change/medicalnetwork/eligibility") && answer.body() instanceof tools.jackson.databind.node.ObjectNode answerBody
                && !answerBody.has("fieldList")) {
            answerBody.put("x12", X12Answers.eligibility271(answerBody));
        }
        if (path.startsWith("/change/medicalnetwork/claimstatus") && answer.status() == 200
                && answer.body() instanceof tools.jackson.databind.node.ObjectNode answerBody) {
            JsonNode asked = path.endsWith("/raw-x12") ? raw.claimStatus(x12(request)) : request;
            answerBody.put("x12", X12Answers.claimStatus277(asked, answerBody));
            webhooks.afterClaimStatus(asked, answerBody);
        }
        if (controlNumber != null && answer.body() instanceof tools.jackson.databind.node.ObjectNode answerBody && answerBody.has("controlNumber")) {
            answerBody.put("controlNumber", controlNumber); // Stedi echoes the request's control number
        }
        String body = json.writeValueAsString(answer.body());
        if (exchangeKey != null && exchanges.size() < MAX_EXCHANGES) {
            exchanges.put(exchangeKey, new Exchange(answer.status(), body));
        }
        send(ex, answer.status(), body);
    }

    private final RawX12Requests raw = new RawX12Requests();

    private static String x12(JsonNode request) {
        return request == null ? "" : request.path("x12").asString("");
    }

    /** Raw-X12 calls answer exactly like JSON calls once the 270/276 is read; unreadable X12 is a 400. */
    private StediSimulator.Answer raw(JsonNode request, JsonNode converted,
                                      java.util.function.Function<JsonNode, StediSimulator.Answer> answer) {
        if (converted == null) {
            return new StediSimulator.Answer(400, json.createObjectNode().put("message", "x12 is not a readable transaction set"));
        }
        return answer.apply(converted);
    }

    /** The subscriber's member id of a request (JSON, or NM109 of a raw X12 subscriber), upper case; "" when none. */
    private static String member(JsonNode request) {
        String member = request == null ? "" : request.path("subscriber").path("memberId").asString("").toUpperCase(Locale.ROOT);
        if (member.isEmpty() && request != null && request.has("x12")) {
            // raw X12: the member id is NM109 of the subscriber's NM1*IL
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("NM1.IL.1(?:.[^~\\n]*?){6}.MI.([A-Za-z0-9-]+)")
                    .matcher(request.path("x12").asString(""));
            member = m.find() ? m.group(1).toUpperCase(Locale.ROOT) : "";
        }
        return member;
    }

    private enum Fault { THROTTLED, SERVER_ERROR, UNAVAILABLE, HANG, MALFORMED }

    /** Applies configured and member-driven faults; true when the fault already answered. */
    private boolean injectFault(HttpExchange ex, String member) throws IOException {
        Faults f = faults;
        sleep(f.latency());
        Fault fault = fault(f, member);
        if (fault == null) {
            return false;
        }
        traffic.faulted(member); // counted first: the answer to a hang may find its client gone
        switch (fault) {
            case THROTTLED -> tooMany(ex, member.startsWith("FAULT429") ? 1 : f.retryAfterSeconds());
            case SERVER_ERROR -> send(ex, 500, "{\"message\":\"Internal Server Error\"}");
            case UNAVAILABLE -> send(ex, 503, "{\"code\":\"unavailable\",\"message\":\"Service Unavailable\"}");
            case HANG -> {
                sleep(member.startsWith("FAULTHANG") ? Math.max(f.hangMillis(), 5_000) : f.hangMillis());
                send(ex, 504, "{\"message\":\"Gateway Timeout\"}");
            }
            case MALFORMED -> send(ex, 200, "{\"meta\":{\"applicationMode\":\"test\"},\"benefitsInformation\":[{\"code\":");
        }
        return true;
    }

    /** The fault this request gets: the member's own on its first call, else a configured one by chance; null for none. */
    private Fault fault(Faults f, String member) {
        if (member.startsWith("FAULT") && faultServed.add(member)) {
            if (member.startsWith("FAULT429")) {
                return Fault.THROTTLED;
            } else if (member.startsWith("FAULT500")) {
                return Fault.SERVER_ERROR;
            } else if (member.startsWith("FAULT503")) {
                return Fault.UNAVAILABLE;
            } else if (member.startsWith("FAULTHANG")) {
                return Fault.HANG;
            } else if (member.startsWith("FAULTBAD")) {
                return Fault.MALFORMED;
            }
            return null;
        }
        if (burstLeft.get() > 0 && burstLeft.decrementAndGet() >= 0) {
            return Fault.THROTTLED;
        }
        if (Faults.hit(f.rate429())) {
            burstLeft.set(f.burst429() - 1);
            return Fault.THROTTLED;
        }
        if (Faults.hit(f.rate5xx())) {
            return Fault.UNAVAILABLE;
        }
        if (Faults.hit(f.rateHang())) {
            return Fault.HANG;
        }
        return Faults.hit(f.rateMalformed()) ? Fault.MALFORMED : null;
    }

    /** A 429, with {@code Retry-After} in seconds when {@code retryAfterSeconds} is above 0 (Stedi's throttling answer). */
    private static void tooMany(HttpExchange ex, int retryAfterSeconds) throws IOException {
        if (retryAfterSeconds > 0) {
            ex.getResponseHeaders().set("Retry-After", Integer.toString(retryAfterSeconds));
        }
        send(ex, 429, "{\"message\":\"Too Many Requests\"}");
    }

    private static byte[] readBody(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] bytes = in.readNBytes((int) MAX_BODY + 1);
            return bytes.length > MAX_BODY ? null : bytes;
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code java -jar rcm-sim-exec.jar [--bind ADDRESS] [--port N] [--api-key K] [--registry FILE] [--port-file FILE]
     * [--latency MIN-MAX] [--rate-429 P] [--burst-429 N] [--retry-after S] [--rate-5xx P] [--rate-hang P] [--hang-ms N]
     * [--rate-malformed P] [--webhook-url URL --webhook-secret whsec_… [--webhook-delay-ms N]]}
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                System.err.println("usage: rcm-sim [--bind ADDRESS] [--port N] [--api-key K] [--registry FILE] [--port-file FILE] [--latency MIN-MAX] "
                        + "[--rate-429 P] [--burst-429 N] [--retry-after S] [--rate-5xx P] [--rate-hang P] [--hang-ms N] [--rate-malformed P] "
                        + "[--webhook-url URL --webhook-secret whsec_… [--webhook-delay-ms N]] "
                        + "[--portal-mfa totp|sent] [--portal-captcha-every N] [--portal-layout a|b]");
                System.exit(2);
            }
            opts.put(args[i].substring(2), args[++i]);
        }
        String[] latency = opts.getOrDefault("latency", "0-0").split("-");
        Faults faults = new Faults(Long.parseLong(latency[0]), Long.parseLong(latency[1]),
                Double.parseDouble(opts.getOrDefault("rate-429", "0")), Integer.parseInt(opts.getOrDefault("burst-429", "1")),
                Double.parseDouble(opts.getOrDefault("rate-5xx", "0")), Double.parseDouble(opts.getOrDefault("rate-hang", "0")),
                Long.parseLong(opts.getOrDefault("hang-ms", "70000")), Double.parseDouble(opts.getOrDefault("rate-malformed", "0")),
                Integer.parseInt(opts.getOrDefault("retry-after", "0")));
        Registry registry = opts.containsKey("registry") ? Registry.fromFile(Path.of(opts.get("registry"))) : Registry.bundled();
        SimServer sim = start(new Config(Integer.parseInt(opts.getOrDefault("port", "0")),
                opts.getOrDefault("api-key", System.getenv().getOrDefault("SIM_API_KEY", "sim-test-key")), registry, faults,
                opts.getOrDefault("bind", "127.0.0.1")));
        if (opts.containsKey("port-file")) {
            Path file = Path.of(opts.get("port-file"));
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, Integer.toString(sim.port()));
        }
        if (opts.containsKey("portal-mfa")) {
            PortalSettings d = sim.portals().settings();
            sim.portals().settings(new PortalSettings(d.username(), d.password(), d.totpSecret(), opts.get("portal-mfa"),
                    Integer.parseInt(opts.getOrDefault("portal-captcha-every", "0")), d.sessionIdleSeconds(), d.latencyMillis(), d.errorEvery(),
                    opts.getOrDefault("portal-layout", "a")));
        }
        if (opts.containsKey("webhook-url")) {
            sim.webhooks().target(new Webhooks.Target(java.net.URI.create(opts.get("webhook-url")),
                    opts.getOrDefault("webhook-secret", ""), java.time.Duration.ofMillis(Long.parseLong(opts.getOrDefault("webhook-delay-ms", "3000")))));
        }
        log.info("Stedi simulator listening on {}", sim.baseUrl());
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
        Thread.currentThread().join();
    }
}
