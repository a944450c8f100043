package io.rcmos.server.batches;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fields a batch row may carry and the header names billing files use for them. A header is matched after
 * normalising (lower case, letters and digits only): {@code DOB}, {@code Date of Birth} and {@code date_of_birth} are
 * one field. An explicit mapping ({@code {"Their Column": "member_id"}}) wins over the aliases.
 */
final class Columns {

    /** Canonical field → the normalised header names that mean it. */
    static final Map<String, List<String>> ALIASES = new LinkedHashMap<>();

    static {
        alias("payer_id", "payerid", "payer", "payercode", "tradingpartnerid", "tradingpartnerserviceid");
        alias("member_id", "memberid", "member", "membernumber", "memberno", "subscriberid", "subscribernumber",
                "subscribermemberid", "insuredid", "policynumber", "policyid", "patientmemberid");
        alias("first_name", "firstname", "fname", "first", "givenname", "patientfirstname", "subscriberfirstname", "memberfirstname");
        alias("last_name", "lastname", "lname", "last", "surname", "familyname", "patientlastname", "subscriberlastname", "memberlastname");
        alias("date_of_birth", "dateofbirth", "dob", "birthdate", "birthday", "patientdob", "subscriberdob", "memberdob",
                "patientdateofbirth", "subscriberdateofbirth");
        alias("npi", "npi", "providernpi", "billingnpi", "renderingnpi", "npinumber");
        alias("organization_name", "organizationname", "organization", "providername", "practicename", "practice", "clinic",
                "clinicname", "providerorganization");
        alias("service_type_codes", "servicetypecodes", "servicetypecode", "servicetype", "stc", "stcs");
        alias("date_of_service", "dateofservice", "dos", "servicedate", "appointmentdate", "visitdate");
        alias("dependent_first_name", "dependentfirstname", "dependentfname");
        alias("dependent_last_name", "dependentlastname", "dependentlname");
        alias("dependent_date_of_birth", "dependentdateofbirth", "dependentdob");
        alias("relationship_code", "relationshipcode", "relationship", "dependentrelationship");
        alias("patient_control_number", "patientcontrolnumber", "pcn", "patientaccountnumber", "accountnumber", "accountno");
        alias("payer_claim_number", "payerclaimnumber", "claimnumber", "payerclaimid", "icn");
        alias("service_date_from", "servicedatefrom", "fromdate", "dosfrom", "servicefrom", "fromdos");
        alias("service_date_to", "servicedateto", "todate", "dosto", "serviceto", "todos");
        alias("total_charge", "totalcharge", "charge", "charges", "billedamount", "chargeamount", "totalcharges");
        alias("business_date", "businessdate");
    }

    static final Set<String> FIELDS = ALIASES.keySet();

    private static void alias(String field, String... names) {
        ALIASES.put(field, List.of(names));
    }

    private Columns() {
    }

    static String normalise(String header) {
        return header == null ? "" : header.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** The canonical field a header names, by explicit mapping first, then by alias. */
    static Optional<String> field(String header, Map<String, String> explicit) {
        if (explicit.containsKey(header)) {
            return Optional.of(explicit.get(header));
        }
        String n = normalise(header);
        for (Map.Entry<String, List<String>> e : ALIASES.entrySet()) {
            if (normalise(e.getKey()).equals(n) || e.getValue().contains(n)) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    /**
     * A file's header resolved: column index → field, and field → the file's own column name (for error reports).
     * Columns that name nothing we know are ignored (and listed).
     */
    record Header(Map<Integer, String> fieldAt, Map<String, String> columnOf, List<String> ignored) {

        static Header of(List<String> names, Map<String, String> explicit) {
            Map<Integer, String> at = new LinkedHashMap<>();
            Map<String, String> columnOf = new LinkedHashMap<>();
            List<String> ignored = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i) == null ? "" : names.get(i).strip();
                Optional<String> field = field(name, explicit);
                if (field.isPresent() && !columnOf.containsKey(field.get())) {
                    at.put(i, field.get());
                    columnOf.put(field.get(), name);
                } else if (!name.isEmpty()) {
                    ignored.add(name);
                }
            }
            return new Header(at, columnOf, ignored);
        }

        /** The file's name for a field, or the field's own name when the file has no such column. */
        String column(String field) {
            return columnOf.getOrDefault(field, field);
        }
    }
}
