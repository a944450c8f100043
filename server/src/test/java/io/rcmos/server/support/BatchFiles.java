package io.rcmos.server.support;

import java.util.ArrayList;
import java.util.List;

/**
 * Generated eligibility batch files with deliberately bad rows, and the problem each bad row must be reported with.
 * Row n (1-based) is bad by the first rule that applies: invalid NPI (every 50th), impossible date of birth (every
 * 71st), no member id, name or birth date (every 97th), an X12 delimiter in the last name (every 113th), or the same
 * question as the row before (every 89th).
 */
public final class BatchFiles {

    private BatchFiles() {
    }

    /** What a bad row is reported with: the file's column (null for a whole-row problem) and a part of the message. */
    public record Expected(long row, String column, String message) {
    }

    public record File(String csv, List<Expected> bad, int rows) {
    }

    public static File eligibility(int rows, String tag) {
        StringBuilder csv = new StringBuilder("\uFEFFMember ID,First Name,\"Last Name\",DOB,NPI,Practice,Service Type\r\n");
        List<Expected> bad = new ArrayList<>();
        String previous = null;
        boolean previousBad = false;
        for (int n = 1; n <= rows; n++) {
            int badBefore = bad.size();
            String member = tag + String.format("%06d", n);
            String first = "Pat";
            String last = "Doe, " + n;
            String dob = "01/31/1980";
            String npi = "1999999984";
            String line;
            if (n % 50 == 0) {
                npi = "1234567890";
                bad.add(new Expected(n, "NPI", "check digit"));
            } else if (n % 71 == 0) {
                dob = "02/30/1980";
                bad.add(new Expected(n, "DOB", "date"));
            } else if (n % 97 == 0) {
                member = "";
                last = "";
                dob = "";
                first = "";
                bad.add(new Expected(n, "Member ID", "needs at least one of member_id"));
            } else if (n % 113 == 0) {
                last = "Doe~" + n;
                bad.add(new Expected(n, "Last Name", "must not contain any of the characters"));
            }
            line = String.join(",", member, first, "\"" + last + "\"", dob, npi, "\"Sunrise Clinic\"", "30");
            if (n % 89 == 0 && previous != null && !previousBad && bad.size() == badBefore) {
                line = previous;
                bad.add(new Expected(n, null, "repeats row " + (n - 1)));
            }
            csv.append(line).append("\r\n");
            previous = line;
            previousBad = bad.size() > badBefore;
        }
        return new File(csv.toString(), bad, rows);
    }
}
