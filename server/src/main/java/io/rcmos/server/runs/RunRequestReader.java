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
import io.rcmos.x12.model.Provider;
import io.rcmos.x12.model.Subscriber;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    RunRequestReader(JsonMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
        for (Purpose purpose : Purpose.values()) {
            ObjectNode schema = JsonSchemas.generate(RunSubmission.class, purpose.inputType());
            schema.put("title", purpose.wire() + " run request");
            schemas.put(purpose, schema);
            validators.put(purpose, JsonSchemas.validator(schema));
        }
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
        if (purposeNode == null || purposeNode.isNull()) {
            throw invalid(FieldProblem.of("purpose", "is required"));
        }
        Purpose purpose = Purpose.fromWire(purposeNode.isString() ? purposeNode.asString() : "")
                .orElseThrow(() -> invalid(FieldProblem.of("purpose", "must be one of [eligibility, claim_status]")));

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
        if (!problems.isEmpty()) {
            throw new RequestInvalid("validation_failed", "request is invalid", problems);
        }
        JsonNode input = root.get("input");
        Object typed = json.treeToValue(input, purpose.inputType());
        LocalDate today = LocalDate.now(clock);
        LocalDate businessDate = root.hasNonNull("business_date") ? LocalDate.parse(root.get("business_date").asString()) : today;
        if (businessDate.isBefore(today.minusYears(2)) || businessDate.isAfter(today.plusDays(366))) {
            problems.add(FieldProblem.of("business_date", "must be within two years before and one year after today"));
        }
        if (typed instanceof EligibilityRequest e) {
            checkProvider(e.provider(), problems);
            checkSubscriber(e.subscriber(), today, problems);
            if (e.dependent() != null) {
                checkBirthDate(e.dependent().dateOfBirth(), "input.dependent.date_of_birth", today, problems);
            }
            if (e.dateOfService() != null && (e.dateOfService().isBefore(today.minusYears(3))
                    || e.dateOfService().isAfter(today.plusDays(366)))) {
                problems.add(FieldProblem.of("input.date_of_service", "must be within three years before and one year after today"));
            }
        } else if (typed instanceof ClaimStatusRequest c) {
            checkProvider(c.provider(), problems);
            checkSubscriber(c.subscriber(), today, problems);
            if (c.dependent() != null) {
                checkBirthDate(c.dependent().dateOfBirth(), "input.dependent.date_of_birth", today, problems);
            }
            if (c.claim().serviceDateTo().isBefore(c.claim().serviceDateFrom())) {
                problems.add(FieldProblem.of("input.claim.service_date_to", "must not be before service_date_from"));
            }
            if (c.claim().serviceDateFrom().isAfter(today)) {
                problems.add(FieldProblem.of("input.claim.service_date_from", "must not be in the future"));
            }
        }
        if (!problems.isEmpty()) {
            throw new RequestInvalid("validation_failed", "request is invalid", problems);
        }
        String route = root.hasNonNull("route") ? root.get("route").asString() : "auto";
        return new Checked(purpose, root.get("payer_id").asString(), businessDate, route, typed, input);
    }

    private static void checkProvider(Provider provider, List<FieldProblem> problems) {
        if (!Npi.isValid(provider.npi())) {
            problems.add(FieldProblem.of("input.provider.npi", "is not a valid NPI (check digit)"));
        }
        boolean organization = provider.organizationName() != null;
        boolean person = provider.lastName() != null;
        if (!organization && !person) {
            problems.add(FieldProblem.of("input.provider", "needs organization_name or last_name"));
        }
    }

    private static void checkSubscriber(Subscriber s, LocalDate today, List<FieldProblem> problems) {
        if (s.memberId() == null && s.dateOfBirth() == null && s.lastName() == null) {
            problems.add(FieldProblem.of("input.subscriber", "needs at least one of member_id, date_of_birth, last_name"));
        }
        checkBirthDate(s.dateOfBirth(), "input.subscriber.date_of_birth", today, problems);
    }

    private static void checkBirthDate(LocalDate dob, String field, LocalDate today, List<FieldProblem> problems) {
        if (dob != null && (dob.isAfter(today) || dob.isBefore(LocalDate.of(1900, 1, 1)))) {
            problems.add(FieldProblem.of(field, "must be between 1900-01-01 and today"));
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

    private static RequestInvalid invalid(FieldProblem problem) {
        return new RequestInvalid("validation_failed", "request is invalid", List.of(problem));
    }

    /** A submission that failed a check: 400 with the fields at fault. */
    static final class RequestInvalid extends ApiProblem {
        RequestInvalid(String code, String detail, List<FieldProblem> errors) {
            super(HttpStatus.BAD_REQUEST, code, detail, errors);
        }
    }
}
