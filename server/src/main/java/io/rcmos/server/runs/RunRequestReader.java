package io.rcmos.server.runs;

import io.rcmos.x12.model.ClaimStatusResult;
import io.rcmos.x12.model.EligibilityResult;
import io.rcmos.server.channels.Purpose;
import io.rcmos.server.platform.schemas.JsonSchemas;
import io.rcmos.server.platform.schemas.SchemaContributor;
import io.rcmos.server.platform.web.ApiProblem;
import io.rcmos.server.platform.web.FieldProblem;
import io.rcmos.x12.model.ClaimStatusRequest;
import io.rcmos.x12.model.EligibilityRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the bytes of {@code POST /runs} into a typed, checked submission: JSON syntax, then the JSON Schema of
 * the purpose (generated from {@link RunSubmission}), then the rules a schema cannot say (NPI check digit, the
 * clearinghouse's subscriber rule, X12's character set ({@link X12Text}), date sanity). Every problem names its field.
 */
@Component
class RunRequestReader implements SchemaContributor {

    private final JsonMapper json;
    private final Clock clock;
    private final Map<Purpose, ObjectNode> schemas = new EnumMap<>(Purpose.class);
    private final Map<Purpose, JsonSchemas.Validator> validators = new EnumMap<>(Purpose.class);
    private final Map<Purpose, JsonSchemas.Validator> resultValidators = new EnumMap<>(Purpose.class);

    RunRequestReader(JsonMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
        for (Purpose purpose : Purpose.values()) {
            ObjectNode schema = JsonSchemas.generate(RunSubmission.class, purpose.inputType());
            schema.put("title", purpose.wire() + " run request");
            schemas.put(purpose, schema);
            validators.put(purpose, JsonSchemas.validator(schema));
        }
        resultValidators.put(Purpose.ELIGIBILITY, JsonSchemas.validator(JsonSchemas.generate(EligibilityResult.class)));
        resultValidators.put(Purpose.CLAIM_STATUS, JsonSchemas.validator(JsonSchemas.generate(ClaimStatusResult.class)));
    }

    /** Every problem of a result a person looked up, against the published result schema of the purpose. */
    List<FieldProblem> resultProblems(Purpose purpose, JsonNode result) {
        return resultValidators.get(purpose).validate(result);
    }

    @Override
    public Map<String, ObjectNode> schemas() {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        schemas.forEach((p, s) -> out.put(p.wire() + "_run_request", s));
        out.put("eligibility_request", JsonSchemas.generate(EligibilityRequest.class));
        out.put("claim_status_request", JsonSchemas.generate(ClaimStatusRequest.class));
        out.put("eligibility_result", JsonSchemas.generate(EligibilityResult.class));
        out.put("claim_status_result", JsonSchemas.generate(ClaimStatusResult.class));
        out.put("run", JsonSchemas.generate(RunView.class));
        return out;
    }

    /** A request that passed every check. {@code input} is an {@link EligibilityRequest} or a {@link ClaimStatusRequest}. */
    record Checked(Purpose purpose, String payerId, LocalDate businessDate, String route, Object input, JsonNode inputJson) {
    }

    Checked read(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            var loc = e.getLocation();
            throw new RequestInvalid("malformed_json", "request body is not valid JSON"
                    + (loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")"), List.of());
        }
        return read(root);
    }

    /** A request already parsed (a batch row): the same checks as a body. */
    Checked read(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new RequestInvalid("validation_failed", "request body must be a JSON object",
                    List.of(FieldProblem.of("(body)", "must be a JSON object")));
        }
        JsonNode purposeNode = root.get("purpose");
        Purpose purpose = purposeNode == null || !purposeNode.isString() ? null : Purpose.fromWire(purposeNode.asString()).orElse(null);
        if (purpose == null) {
            // without a purpose the input cannot be read; the request's other top-level fields still can
            List<FieldProblem> problems = new ArrayList<>();
            problems.add(FieldProblem.of("purpose", purposeNode == null || purposeNode.isNull() ? "is required"
                    : "must be one of [eligibility, claim_status]"));
            for (FieldProblem p : validators.get(Purpose.ELIGIBILITY).validate(root)) {
                if (p.field() != null && !p.field().equals("purpose") && !p.field().equals("input") && !p.field().startsWith("input.")) {
                    problems.add(p);
                }
            }
            throw new RequestInvalid("validation_failed", FieldProblem.summary("request is invalid", problems), problems);
        }

        List<FieldProblem> problems = new ArrayList<>(validators.get(purpose).validate(root));
        // every value that goes into a 270/276, whatever else is wrong with the request: X12's character set
        List<FieldProblem> characters = new ArrayList<>();
        if (root.get("input") != null) {
            checkCharacters(root.get("input"), "input", characters);
        }
        if (root.get("payer_id") != null) {
            checkCharacters(root.get("payer_id"), "payer_id", characters);
        }
        for (FieldProblem c : characters) {
            problems.removeIf(p -> p.field() != null && p.field().equals(c.field()));
            problems.add(c);
        }
        // the rules a schema cannot say, on every field the schema did not already refuse: all problems in one answer
        Set<String> refused = new HashSet<>();
        problems.forEach(p -> refused.add(p.field()));
        LocalDate today = LocalDate.now(clock);
        Rules rules = new Rules(refused, problems);
        LocalDate businessDate = rules.date(root, "business_date", "business_date");
        if (businessDate != null && (businessDate.isBefore(today.minusYears(2)) || businessDate.isAfter(today.plusDays(366)))) {
            rules.add("business_date", "must be within two years before and one year after today");
        }
        JsonNode input = root.get("input");
        if (input != null && input.isObject() && !refused.contains("input")) {
            checkProvider(input.get("provider"), rules);
            checkSubscriber(input.get("subscriber"), today, rules);
            JsonNode dependent = input.get("dependent");
            if (dependent != null && dependent.isObject()) {
                checkBirthDate(rules.date(dependent, "date_of_birth", "input.dependent.date_of_birth"),
                        "input.dependent.date_of_birth", today, rules);
            }
            if (purpose == Purpose.ELIGIBILITY) {
                LocalDate dos = rules.date(input, "date_of_service", "input.date_of_service");
                if (dos != null && (dos.isBefore(today.minusYears(3)) || dos.isAfter(today.plusDays(366)))) {
                    rules.add("input.date_of_service", "must be within three years before and one year after today");
                }
            } else {
                JsonNode claim = input.get("claim");
                if (claim != null && claim.isObject()) {
                    LocalDate from = rules.date(claim, "service_date_from", "input.claim.service_date_from");
                    LocalDate to = rules.date(claim, "service_date_to", "input.claim.service_date_to");
                    if (from != null && to != null && to.isBefore(from)) {
                        rules.add("input.claim.service_date_to", "must not be before service_date_from");
                    }
                    if (from != null && from.isAfter(today)) {
                        rules.add("input.claim.service_date_from", "must not be in the future");
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new RequestInvalid("validation_failed", FieldProblem.summary("request is invalid", problems), problems);
        }
        Object typed = json.treeToValue(input, purpose.inputType());
        if (businessDate == null) {
            businessDate = today;
        }
        String route = root.hasNonNull("route") ? root.get("route").asString() : "auto";
        return new Checked(purpose, root.get("payer_id").asString(), businessDate, route, typed, input);
    }

    /** The problems found so far, and the fields the schema refused (not checked again: one problem a field). */
    private record Rules(Set<String> refused, List<FieldProblem> problems) {

        void add(String field, String message) {
            if (!refused.contains(field)) {
                problems.add(FieldProblem.of(field, message));
            }
        }

        /** A date the schema accepted, or null (absent, null, or already refused). */
        LocalDate date(JsonNode parent, String name, String field) {
            JsonNode v = parent.get(name);
            if (v == null || !v.isString() || refused.contains(field)) {
                return null;
            }
            try {
                return LocalDate.parse(v.asString());
            } catch (java.time.format.DateTimeParseException e) {
                return null;
            }
        }

        String text(JsonNode parent, String name) {
            JsonNode v = parent.get(name);
            return v != null && v.isString() ? v.asString() : null;
        }

        boolean present(JsonNode parent, String name) {
            JsonNode v = parent.get(name);
            return v != null && !v.isNull();
        }
    }

    private static void checkProvider(JsonNode provider, Rules rules) {
        if (provider == null || !provider.isObject()) {
            return;
        }
        String npi = rules.text(provider, "npi");
        if (npi != null && !rules.refused().contains("input.provider.npi") && !Npi.isValid(npi)) {
            rules.add("input.provider.npi", "is not a valid NPI (check digit)");
        }
        if (!rules.present(provider, "organization_name") && !rules.present(provider, "last_name")) {
            rules.add("input.provider", "needs organization_name or last_name");
        }
    }

    private static void checkSubscriber(JsonNode s, LocalDate today, Rules rules) {
        if (s == null || !s.isObject()) {
            return;
        }
        if (!rules.present(s, "member_id") && !rules.present(s, "date_of_birth") && !rules.present(s, "last_name")) {
            rules.add("input.subscriber", "needs at least one of member_id, date_of_birth, last_name");
        }
        checkBirthDate(rules.date(s, "date_of_birth", "input.subscriber.date_of_birth"), "input.subscriber.date_of_birth", today, rules);
    }

    private static void checkBirthDate(LocalDate dob, String field, LocalDate today, Rules rules) {
        if (dob != null && (dob.isAfter(today) || dob.isBefore(LocalDate.of(1900, 1, 1)))) {
            rules.add(field, "must be between 1900-01-01 and today");
        }
    }

    /** Every string under {@code node} against {@link X12Text}: the first problem of each field, naming it. */
    private static void checkCharacters(JsonNode node, String path, List<FieldProblem> problems) {
        if (node.isString()) {
            String problem = X12Text.problem(node.asString());
            if (problem != null) {
                problems.add(FieldProblem.of(path, problem));
            }
        } else if (node.isObject()) {
            node.properties().forEach(e -> checkCharacters(e.getValue(), path + "." + e.getKey(), problems));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkCharacters(node.get(i), path + "[" + i + "]", problems);
            }
        }
    }

    /** A submission that failed a check: 400 with the fields at fault. */
    static final class RequestInvalid extends ApiProblem {
        RequestInvalid(String code, String detail, List<FieldProblem> errors) {
            super(HttpStatus.BAD_REQUEST, code, detail, errors);
        }
    }
}
