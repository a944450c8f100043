package io.rcmos.x12.cli;

import io.rcmos.x12.model.ClaimStatusRequest;
import io.rcmos.x12.model.EligibilityRequest;
import io.rcmos.x12.read.AcknowledgementReader;
import io.rcmos.x12.read.ClaimStatus277Reader;
import io.rcmos.x12.read.InquiryReader;
import io.rcmos.x12.read.Eligibility271Reader;
import io.rcmos.x12.read.TransactionType;
import io.rcmos.x12.read.X12Problem;
import io.rcmos.x12.read.X12Validator;
import io.rcmos.x12.write.ClaimStatus276Writer;
import io.rcmos.x12.write.Eligibility270Writer;
import io.rcmos.x12.write.Envelope;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code ./rcm x12 parse FILE} (270/271/276/277/999/TA1 → JSON on stdout), {@code ./rcm x12 build eligibility|claim-status REQUEST.json}
 * (270/276 on stdout; the request is a run request of the API or just its {@code input}, snake_case), and
 * {@code ./rcm x12 validate FILE} (problems, exit 1 when any). {@code -} reads stdin. Exit 2 for usage and I/O errors,
 * with a message naming the file.
 */
public final class X12Cli {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** The fields of a run request of the API ({@code POST /runs}). */
    private static final List<String> RUN_REQUEST_FIELDS = List.of("purpose", "payer_id", "business_date", "route", "input");

    private X12Cli() {
    }

    /** StAEDI reports schema bookkeeping at INFO through java.util.logging: keep the CLI's stderr for real errors. */
    private static final java.util.logging.Logger STAEDI_LOG = java.util.logging.Logger.getLogger("io.xlate");

    public static void main(String[] args) {
        STAEDI_LOG.setLevel(java.util.logging.Level.WARNING);
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2) {
            err.println("usage: x12 parse FILE | x12 build eligibility|claim-status REQUEST.json [--payer ID] | x12 validate FILE");
            return 2;
        }
        try {
            return switch (args[0]) {
                case "parse" -> parse(read(args[1]), out);
                case "validate" -> validate(read(args[1]), args[1], out);
                case "build" -> {
                    if (args.length < 3) {
                        err.println("usage: x12 build eligibility|claim-status REQUEST.json [--payer ID]");
                        yield 2;
                    }
                    String payer = args.length >= 5 && "--payer".equals(args[3]) ? args[4] : null;
                    yield build(args[1], args[2], read(args[2]), payer, out, err);
                }
                default -> {
                    err.println("x12: unknown command '" + args[0] + "' (parse, build, validate)");
                    yield 2;
                }
            };
        } catch (NoSuchFileException e) {
            err.println("x12: " + e.getFile() + ": no such file");
            return 2;
        } catch (IOException e) {
            err.println("x12: cannot read " + args[args.length > 2 && "build".equals(args[0]) ? 2 : 1] + ": " + e.getMessage());
            return 2;
        }
    }

    private static byte[] read(String file) throws IOException {
        return "-".equals(file) ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
    }

    private static int parse(byte[] bytes, PrintStream out) {
        String type = transactionType(bytes);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("transaction", type);
        switch (type == null ? "" : type) {
            case "271" -> {
                var read = new Eligibility271Reader().read(bytes);
                doc.put("result", read.result());
                doc.put("problems", read.problems().stream().map(X12Problem::toString).toList());
            }
            case "277" -> {
                var read = new ClaimStatus277Reader().read(bytes);
                doc.put("result", read.result());
                doc.put("problems", read.problems().stream().map(X12Problem::toString).toList());
            }
            case "270" -> {
                var read = new InquiryReader().read270(bytes);
                doc.put("result", read.inquiries().isEmpty() ? null : read.inquiries());
                doc.put("problems", read.problems().stream().map(X12Problem::toString).toList());
            }
            case "276" -> {
                var read = new InquiryReader().read276(bytes);
                doc.put("result", read.inquiries().isEmpty() ? null : read.inquiries());
                doc.put("problems", read.problems().stream().map(X12Problem::toString).toList());
            }
            case "999", "TA1" -> {
                var read = new AcknowledgementReader().read(bytes);
                doc.put("result", read.result());
                doc.put("problems", read.problems().stream().map(X12Problem::toString).toList());
            }
            default -> {
                doc.put("result", null);
                // no guide for this transaction (or none at all): the validator reports the envelope and syntax problems only
                List<String> problems = new ArrayList<>(X12Validator.validate(bytes).stream().map(X12Problem::toString).toList());
                if (problems.isEmpty()) {
                    problems.add(type == null ? "no transaction set and no TA1 in the input"
                            : "transaction set " + type + " is not one this tool reads (270, 271, 276, 277, 999, TA1)");
                }
                doc.put("problems", problems);
            }
        }
        out.println(JSON.writeValueAsString(doc));
        return doc.get("result") == null ? 1 : 0;
    }

    private static int validate(byte[] bytes, String file, PrintStream out) {
        List<X12Problem> problems = X12Validator.validate(bytes);
        if (problems.isEmpty()) {
            out.println(file + ": valid " + (transactionType(bytes) == null ? "interchange" : transactionType(bytes)));
            return 0;
        }
        problems.forEach(p -> out.println(file + ": " + p));
        return 1;
    }

    private static int build(String kind, String file, byte[] bytes, String payerArg, PrintStream out, PrintStream err) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JacksonException e) {
            err.println("x12: " + file + ": not valid JSON (line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
            return 2;
        }
        if (root == null || !root.isObject()) {
            err.println("x12: " + file + ": the request must be a JSON object (a run request, or just its input)");
            return 2;
        }
        Class<?> type = switch (kind) {
            case "eligibility" -> EligibilityRequest.class;
            case "claim-status" -> ClaimStatusRequest.class;
            default -> null;
        };
        if (type == null) {
            err.println("x12: build what? eligibility or claim-status, not '" + kind + "'");
            return 2;
        }
        boolean runRequest = root.has("input");
        JsonNode input = runRequest ? root.get("input") : root;
        List<RequestCheck.Problem> problems = new ArrayList<>();
        if (runRequest) {
            // a run request of the API: its own fields, then its input
            for (String name : root.propertyNames()) {
                if (!RUN_REQUEST_FIELDS.contains(name)) {
                    String near = RequestCheck.nearest(name, RUN_REQUEST_FIELDS);
                    problems.add(new RequestCheck.Problem(name, "is not a field of a run request"
                            + (near == null ? "" : " (did you mean " + near + "?)")));
                }
            }
            problems.addAll(RequestCheck.check(input, type, "input"));
        } else {
            // just the input; payer_id may sit beside it (it names the payer of the 270/276)
            JsonNode bare = root.deepCopy();
            ((tools.jackson.databind.node.ObjectNode) bare).remove("payer_id");
            input = bare;
            problems.addAll(RequestCheck.check(bare, type, ""));
        }
        if (root.has("payer_id") && !root.get("payer_id").isString()) {
            problems.add(new RequestCheck.Problem("payer_id", "must be text"));
        }
        if (!problems.isEmpty()) {
            err.println("x12: " + file + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + ":");
            problems.forEach(p -> err.println("  " + p));
            return 2;
        }
        String payer = payerArg != null ? payerArg : root.path("payer_id").asString("87726");
        Envelope envelope = new Envelope("ZZ", "RCMOS", "ZZ", "STEDI", 'T', 1, 1, 1, LocalDateTime.now());
        String trace = UUID.randomUUID().toString().replace("-", "").substring(0, 20).toUpperCase(java.util.Locale.ROOT);
        try {
            switch (kind) {
                case "eligibility" -> out.print(new Eligibility270Writer()
                        .write(JSON.treeToValue(input, EligibilityRequest.class), payer, "PAYER", trace, envelope).x12());
                case "claim-status" -> out.print(new ClaimStatus276Writer()
                        .write(JSON.treeToValue(input, ClaimStatusRequest.class), payer, "PAYER", "RCM OS", "RCMOS", trace, envelope).x12());
                default -> {
                    err.println("x12: build what? eligibility or claim-status, not '" + kind + "'");
                    return 2;
                }
            }
        } catch (tools.jackson.databind.DatabindException e) {
            // not expected after the checks above; named by field, never by the Java type it binds to
            err.println("x12: " + file + ": " + fieldOf(e, runRequest) + " has the wrong type or format");
            return 2;
        } catch (JacksonException e) {
            err.println("x12: " + file + ": the request cannot be read as JSON");
            return 2;
        } catch (RuntimeException e) {
            err.println("x12: " + file + ": " + e.getMessage());
            return 2;
        }
        out.println();
        return 0;
    }

    /** The dotted JSON path of a binding problem ({@code input.subscriber.date_of_birth}). */
    private static String fieldOf(tools.jackson.databind.DatabindException e, boolean runRequest) {
        StringBuilder out = new StringBuilder(runRequest ? "input" : "");
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? "the request" : out.toString();
    }

    /** ST01 of the first transaction set, {@code TA1} for a bare interchange acknowledgement, or null. */
    private static String transactionType(byte[] bytes) {
        return TransactionType.of(bytes);
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
