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
 * normalising (lower case, letters and digits only, {@code #} as "number"): {@code DOB}, {@code Date of Birth} and {@code date_of_birth} are
 * one field. An explicit mapping ({@code {"Their Column": "member_id"}}) wins over the aliases. A column that names no
 * field gets the most similar field as a suggestion, for a person to confirm with a mapping.
 */
final class Columns {

    /** Canonical field → the normalised header names that mean it. */
    static final Map<String, List<String>> ALIASES = new LinkedHashMap<>();
    /** Canonical field → how a person calls it. */
    static final Map<String, String> LABELS = new LinkedHashMap<>();

    static {
        alias("payer_id", "Payer ID", "payerid", "payer", "payercode", "payernumber", "tradingpartnerid", "tradingpartnerserviceid",
                "edipayerid", "cpid", "insurancepayerid");
        alias("member_id", "Member ID", "memberid", "member", "membernumber", "memberno", "memberidnumber", "subscriberid",
                "subscribernumber", "subscriberno", "subscriberidnumber", "subscribermemberid", "insuredid", "insuredidnumber",
                "policynumber", "policyno", "policyid", "policy", "patientmemberid", "insuranceid", "insuranceidnumber",
                "insurancenumber", "insuranceno", "insurancememberid", "insurancemembernumber", "primaryinsuranceid",
                "primarymemberid", "primarypolicynumber");
        alias("first_name", "First name", "firstname", "fname", "first", "givenname", "patientfirstname", "patientfirst", "patientfname",
                "ptfirstname", "subscriberfirstname", "memberfirstname", "insuredfirstname");
        alias("last_name", "Last name", "lastname", "lname", "last", "surname", "familyname", "patientlastname", "patientlast", "patientlname",
                "ptlastname", "subscriberlastname", "memberlastname", "insuredlastname");
        alias("date_of_birth", "Date of birth", "dateofbirth", "dob", "birthdate", "birthday", "patientdob", "patientbirthdate",
                "patientdateofbirth", "ptdob", "subscriberdob", "subscriberbirthdate", "subscriberdateofbirth", "memberdob",
                "memberbirthdate", "memberdateofbirth", "insureddob", "insureddateofbirth");
        alias("npi", "Provider NPI", "npi", "npinumber", "npino", "providernpi", "providernpinumber", "billingnpi", "billingprovidernpi",
                "renderingnpi", "renderingprovidernpi", "servicingnpi", "servicingprovidernpi", "attendingnpi", "individualnpi",
                "groupnpi", "facilitynpi");
        alias("organization_name", "Provider or practice name", "organizationname", "organization", "providerorganization",
                "providerorganizationname", "provider", "providername", "renderingprovider", "renderingprovidername", "billingprovider",
                "billingprovidername", "servicingprovider", "servicingprovidername", "practicename", "practice", "facility",
                "facilityname", "clinic", "clinicname");
        alias("service_type_codes", "Service type codes", "servicetypecodes", "servicetypecode", "servicetype", "servicetypes", "stc", "stcs");
        alias("date_of_service", "Date of service", "dateofservice", "dos", "servicedate", "appointmentdate", "apptdate", "visitdate",
                "dateofvisit", "encounterdate");
        alias("dependent_first_name", "Dependent first name", "dependentfirstname", "dependentfname");
        alias("dependent_last_name", "Dependent last name", "dependentlastname", "dependentlname");
        alias("dependent_date_of_birth", "Dependent date of birth", "dependentdateofbirth", "dependentdob", "dependentbirthdate");
        alias("relationship_code", "Relationship to subscriber", "relationshipcode", "relationship", "dependentrelationship",
                "patientrelationship", "relationshiptoinsured", "relationshiptosubscriber");
        alias("patient_control_number", "Patient control number", "patientcontrolnumber", "pcn", "patientaccountnumber", "patientaccountno",
                "patientaccount", "patientacctnumber", "accountnumber", "accountno", "accountnum", "acctnumber", "acctno");
        alias("payer_claim_number", "Payer claim number", "payerclaimnumber", "claimnumber", "payerclaimid", "payerclaimcontrolnumber", "icn", "dcn");
        alias("service_date_from", "Service date from", "servicedatefrom", "fromdate", "dosfrom", "servicefrom", "fromdos", "servicefromdate",
                "servicestartdate", "fromdateofservice", "dosstart", "startdos");
        alias("service_date_to", "Service date to", "servicedateto", "todate", "dosto", "serviceto", "todos", "servicetodate",
                "serviceenddate", "todateofservice", "dosend", "enddos");
        alias("total_charge", "Total charge", "totalcharge", "charge", "charges", "billedamount", "chargeamount", "totalcharges",
                "billedcharges", "totalbilled", "amountbilled", "claimamount", "claimcharge", "totalclaimcharge");
        alias("business_date", "Business date", "businessdate");
    }

    static final Set<String> FIELDS = ALIASES.keySet();

    /** How a column was matched to its field. */
    static final String BY_ALIAS = "alias";
    static final String BY_MAPPING = "mapping";
    static final String UNMAPPED = "unmapped";

    /** The least similarity for a suggestion: below it, a column gets none. */
    private static final double SUGGESTION_THRESHOLD = 0.7;

    private static void alias(String field, String label, String... names) {
        ALIASES.put(field, List.of(names));
        LABELS.put(field, label);
    }

    private Columns() {
    }

    /** Lower case, letters and digits only; {@code #} reads as "number" ({@code Account #} is {@code accountnumber}). */
    static String normalise(String header) {
        return header == null ? "" : header.toLowerCase(Locale.ROOT).replace("#", "number").replaceAll("[^a-z0-9]", "");
    }

    /** The canonical field a header names, by explicit mapping first, then by alias. */
    static Optional<String> field(String header, Map<String, String> explicit) {
        if (explicit.containsKey(header)) {
            return Optional.of(explicit.get(header));
        }
        return byAlias(header);
    }

    private static Optional<String> byAlias(String header) {
        String n = normalise(header);
        for (Map.Entry<String, List<String>> e : ALIASES.entrySet()) {
            if (normalise(e.getKey()).equals(n) || e.getValue().contains(n)) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    /**
     * The field most like a header that names none (by its aliases: one contained in the other, or shared letter
     * pairs), among fields not taken by another column; empty when nothing is alike enough.
     */
    static Optional<String> suggest(String header, Set<String> taken) {
        String n = normalise(header);
        if (n.length() < 2) {
            return Optional.empty();
        }
        String best = null;
        double bestScore = 0;
        for (Map.Entry<String, List<String>> e : ALIASES.entrySet()) {
            if (taken.contains(e.getKey())) {
                continue;
            }
            List<String> names = new ArrayList<>(e.getValue());
            names.add(normalise(e.getKey()));
            for (String alias : names) {
                double score = similarity(n, alias);
                if (score > bestScore) {
                    bestScore = score;
                    best = e.getKey();
                }
            }
        }
        return bestScore >= SUGGESTION_THRESHOLD ? Optional.of(best) : Optional.empty();
    }

    /**
     * 0..1: a name of three letters or more contained in the other scores from 0.7 (by how much of it it covers);
     * otherwise the Dice coefficient of the two names' letter pairs.
     */
    static double similarity(String a, String b) {
        String shorter = a.length() <= b.length() ? a : b;
        String longer = shorter == a ? b : a;
        if (shorter.length() >= 3 && longer.contains(shorter)) {
            return 0.7 + 0.3 * shorter.length() / longer.length();
        }
        List<String> unmatched = pairs(longer);
        List<String> shorterPairs = pairs(shorter);
        int total = unmatched.size() + shorterPairs.size();
        int common = 0;
        for (String p : shorterPairs) {
            if (unmatched.remove(p)) {
                common++;
            }
        }
        return total == 0 ? 0 : 2.0 * common / total;
    }

    private static List<String> pairs(String s) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i + 1 < s.length(); i++) {
            out.add(s.substring(i, i + 2));
        }
        return out;
    }

    /** One column of a file as understood: its field (or none), how it was matched, and a suggestion when unmapped. */
    record Column(String name, String field, String how, String suggestedField) {
    }

    /**
     * A file's header resolved: its columns in file order, column index → field, and field → the file's own column
     * name (for error reports). Columns that name nothing we know are ignored (and listed).
     */
    record Header(List<Column> columns, Map<Integer, String> fieldAt, Map<String, String> columnOf, List<String> ignored) {

        static Header of(List<String> names, Map<String, String> explicit) {
            Map<Integer, String> at = new LinkedHashMap<>();
            Map<String, String> columnOf = new LinkedHashMap<>();
            List<String> ignored = new ArrayList<>();
            List<String> how = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i) == null ? "" : names.get(i).strip();
                Optional<String> field = field(name, explicit);
                if (field.isPresent() && !columnOf.containsKey(field.get())) {
                    at.put(i, field.get());
                    columnOf.put(field.get(), name);
                    how.add(explicit.containsKey(name) ? BY_MAPPING : BY_ALIAS);
                } else {
                    how.add(UNMAPPED);
                    if (!name.isEmpty()) {
                        ignored.add(name);
                    }
                }
            }
            Set<String> taken = Set.copyOf(columnOf.keySet());
            List<Column> columns = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i) == null ? "" : names.get(i).strip();
                if (name.isEmpty()) {
                    continue;
                }
                String field = at.get(i);
                String suggestion = field != null ? null : suggest(name, taken).orElse(null);
                columns.add(new Column(name, field, how.get(i), suggestion));
            }
            return new Header(List.copyOf(columns), at, columnOf, ignored);
        }

        /** The file's name for a field, or the field's own name when the file has no such column. */
        String column(String field) {
            return columnOf.getOrDefault(field, field);
        }
    }
}
