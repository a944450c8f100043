package io.rcmos.sim.stedi;

import io.rcmos.x12.read.Segment;
import io.rcmos.x12.read.X12Tokens;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a raw 270 or 276 (the body of Stedi's raw-X12 endpoints) into the JSON request the simulator answers, the
 * way Stedi does before forwarding to the payer. Invalid X12 yields null (the caller answers 400).
 */
public final class RawX12Requests {

    private final JsonMapper json = JsonMapper.builder().build();

    /** The JSON eligibility request a 270 carries, or null when it is not a readable 270. */
    public ObjectNode eligibility(String x12) {
        X12Tokens.Tokens tokens = X12Tokens.read(x12.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (!tokens.problems().isEmpty() || tokens.segments().stream().noneMatch(s -> s.tag().equals("ST") && "270".equals(s.get(1)))) {
            return null;
        }
        ObjectNode out = json.createObjectNode();
        ObjectNode person = null;
        String level = null;
        for (Segment s : tokens.segments()) {
            switch (s.tag()) {
                case "HL" -> level = s.get(3);
                case "NM1" -> {
                    switch (s.get(1) == null ? "" : s.get(1)) {
                        case "PR" -> out.put("tradingPartnerServiceId", s.get(9));
                        case "1P" -> provider(out.putObject("provider"), s);
                        case "IL" -> person = person(out.putObject("subscriber"), s);
                        case "03" -> person = person(out.putArray("dependents").addObject(), s);
                        default -> {
                        }
                    }
                }
                case "DMG" -> {
                    if (person != null) {
                        putIf(person, "dateOfBirth", s.get(2));
                        putIf(person, "gender", s.get(3));
                    }
                }
                case "DTP" -> {
                    if ("291".equals(s.get(1))) {
                        out.withObject("encounter").put("dateOfService", s.get(3));
                    }
                }
                case "EQ" -> s.repetitions(1).forEach(out.withObject("encounter").withArray("serviceTypeCodes")::add);
                default -> {
                }
            }
        }
        return level == null ? null : out;
    }

    /** The JSON claim status request a 276 carries, or null when it is not a readable 276. */
    public ObjectNode claimStatus(String x12) {
        X12Tokens.Tokens tokens = X12Tokens.read(x12.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (!tokens.problems().isEmpty() || tokens.segments().stream().noneMatch(s -> s.tag().equals("ST") && "276".equals(s.get(1)))) {
            return null;
        }
        ObjectNode out = json.createObjectNode();
        ObjectNode encounter = out.putObject("encounter");
        for (Segment s : tokens.segments()) {
            switch (s.tag()) {
                case "NM1" -> {
                    switch (s.get(1) == null ? "" : s.get(1)) {
                        case "PR" -> out.put("tradingPartnerServiceId", s.get(9));
                        case "1P" -> provider(out.putArray("providers").addObject().put("providerType", "BillingProvider"), s);
                        case "IL" -> person(out.putObject("subscriber"), s);
                        case "QC" -> person(out.putObject("dependent"), s);
                        default -> {
                        }
                    }
                }
                case "REF" -> {
                    if ("EJ".equals(s.get(1))) {
                        encounter.put("patientAccountNumber", s.get(2));
                    } else if ("1K".equals(s.get(1))) {
                        encounter.put("tradingPartnerClaimNumber", s.get(2));
                    }
                }
                case "AMT" -> {
                    if ("T3".equals(s.get(1))) {
                        encounter.put("submittedAmount", s.get(2));
                    }
                }
                case "DTP" -> {
                    if ("472".equals(s.get(1)) && s.get(3) != null) {
                        String v = s.get(3);
                        encounter.put("beginningDateOfService", v.substring(0, 8));
                        encounter.put("endDateOfService", v.length() == 17 ? v.substring(9) : v.substring(0, 8));
                    }
                }
                default -> {
                }
            }
        }
        return out;
    }

    private static void provider(ObjectNode p, Segment s) {
        if ("2".equals(s.get(2))) {
            putIf(p, "organizationName", s.get(3));
        } else {
            putIf(p, "lastName", s.get(3));
            putIf(p, "firstName", s.get(4));
        }
        putIf(p, "npi", s.get(9));
    }

    private static ObjectNode person(ObjectNode p, Segment s) {
        putIf(p, "lastName", s.get(3));
        putIf(p, "firstName", s.get(4));
        putIf(p, "memberId", s.get(9));
        return p;
    }

    private static void putIf(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
