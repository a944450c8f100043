package io.rcmos.server.batches;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A batch row (canonical field → text) as the very request {@code POST /runs} takes, so one schema checks both.
 * Dates are accepted as {@code YYYY-MM-DD}, {@code MM/DD/YYYY} or {@code YYYYMMDD} and passed on as ISO dates; an
 * unreadable date is passed as given so the run schema names it. Problems found by the run checks are traced back to
 * the file's column with {@link #fieldOf}.
 */
final class RowRequests {

    private static final DateTimeFormatter US = DateTimeFormatter.ofPattern("M/d/uuuu").withResolverStyle(java.time.format.ResolverStyle.STRICT);
    private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Pattern SPLIT = Pattern.compile("[\\s,;|]+");

    private static final Map<String, String> PATHS = Map.ofEntries(
            Map.entry("payer_id", "payer_id"),
            Map.entry("business_date", "business_date"),
            Map.entry("input.provider.npi", "npi"),
            Map.entry("input.provider.organization_name", "organization_name"),
            Map.entry("input.subscriber.member_id", "member_id"),
            Map.entry("input.subscriber.first_name", "first_name"),
            Map.entry("input.subscriber.last_name", "last_name"),
            Map.entry("input.subscriber.date_of_birth", "date_of_birth"),
            Map.entry("input.subscriber", "member_id"),
            Map.entry("input.dependent.first_name", "dependent_first_name"),
            Map.entry("input.dependent.last_name", "dependent_last_name"),
            Map.entry("input.dependent.date_of_birth", "dependent_date_of_birth"),
            Map.entry("input.dependent.relationship_code", "relationship_code"),
            Map.entry("input.service_type_codes", "service_type_codes"),
            Map.entry("input.date_of_service", "date_of_service"),
            Map.entry("input.claim.patient_control_number", "patient_control_number"),
            Map.entry("input.claim.payer_claim_number", "payer_claim_number"),
            Map.entry("input.claim.service_date_from", "service_date_from"),
            Map.entry("input.claim.service_date_to", "service_date_to"),
            Map.entry("input.claim.total_charge", "total_charge"),
            Map.entry("input.claim", "patient_control_number"),
            Map.entry("input.provider", "npi"));

    private RowRequests() {
    }

    /** The run request of a row of a flat file. {@code payerId} and {@code route} are the batch's defaults. */
    static ObjectNode request(JsonMapper json, String purpose, String payerId, String route, Map<String, String> row) {
        ObjectNode request = json.createObjectNode();
        request.put("purpose", purpose);
        String payer = present(row, "payer_id") ? row.get("payer_id") : payerId;
        if (payer != null) {
            request.put("payer_id", payer);
        }
        request.put("route", route);
        put(request, "business_date", date(row.get("business_date")));
        ObjectNode input = request.putObject("input");
        ObjectNode provider = input.putObject("provider");
        put(provider, "npi", row.get("npi"));
        put(provider, "organization_name", row.get("organization_name"));
        ObjectNode subscriber = input.putObject("subscriber");
        put(subscriber, "member_id", row.get("member_id"));
        put(subscriber, "first_name", row.get("first_name"));
        put(subscriber, "last_name", row.get("last_name"));
        put(subscriber, "date_of_birth", date(row.get("date_of_birth")));
        if (present(row, "dependent_first_name") || present(row, "dependent_last_name") || present(row, "dependent_date_of_birth")) {
            ObjectNode dependent = input.putObject("dependent");
            put(dependent, "first_name", row.get("dependent_first_name"));
            put(dependent, "last_name", row.get("dependent_last_name"));
            put(dependent, "date_of_birth", date(row.get("dependent_date_of_birth")));
            put(dependent, "relationship_code", row.get("relationship_code"));
        }
        if ("claim_status".equals(purpose)) {
            ObjectNode claim = input.putObject("claim");
            put(claim, "patient_control_number", row.get("patient_control_number"));
            put(claim, "payer_claim_number", row.get("payer_claim_number"));
            put(claim, "service_date_from", date(row.get("service_date_from")));
            put(claim, "service_date_to", date(row.get("service_date_to")));
            String charge = row.get("total_charge");
            if (present(row, "total_charge")) {
                try {
                    claim.put("total_charge", new java.math.BigDecimal(charge.strip().replace("$", "").replace(",", "")));
                } catch (NumberFormatException e) {
                    claim.put("total_charge", charge.strip());
                }
            }
        } else {
            if (present(row, "service_type_codes")) {
                ArrayNode codes = input.putArray("service_type_codes");
                for (String code : SPLIT.split(row.get("service_type_codes").strip())) {
                    if (!code.isEmpty()) {
                        codes.add(code);
                    }
                }
            }
            put(input, "date_of_service", date(row.get("date_of_service")));
        }
        return request;
    }

    /** The canonical field a problem's path (e.g. {@code input.subscriber.date_of_birth}) belongs to. */
    static String fieldOf(String path) {
        String p = path.replaceAll("\\[\\d+]", "");
        while (!p.isEmpty()) {
            String field = PATHS.get(p);
            if (field != null) {
                return field;
            }
            int dot = p.lastIndexOf('.');
            p = dot < 0 ? "" : p.substring(0, dot);
        }
        return path;
    }

    /** The canonical fields of a full run request (NDJSON rows may be run requests); values are not read. */
    static List<String> fields(JsonNode request) {
        return PATHS.keySet().stream().filter(p -> request.at("/" + p.replace('.', '/')).isValueNode()).map(PATHS::get).toList();
    }

    private static boolean present(Map<String, String> row, String field) {
        String v = row.get(field);
        return v != null && !v.isBlank();
    }

    private static void put(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value.strip());
        }
    }

    /** ISO text of a date in one of the accepted forms; anything else unchanged (the schema reports it). */
    static String date(String value) {
        if (value == null || value.isBlank()) {
            return value;
        }
        String v = value.strip();
        for (DateTimeFormatter f : List.of(DateTimeFormatter.ISO_LOCAL_DATE, US, BASIC)) {
            try {
                return LocalDate.parse(v, f).toString();
            } catch (DateTimeParseException e) {
                // next form
            }
        }
        return v;
    }
}
