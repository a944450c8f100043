package io.rcmos.sim.portal;

import io.rcmos.sim.registry.Claim;
import io.rcmos.sim.registry.Registry;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The UnitedHealthcare-like claim status pages: a claim search by member, birth date and dates of service (and,
 * optionally, the provider's patient account number), a claims table, and line details per claim — the registry's
 * claims, the same ones the Stedi simulator's 277 reports.
 */
final class UhcPages {

    private static final DateTimeFormatter US = DateTimeFormatter.ofPattern("MM/dd/yyyy");
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("MMddyyyy");
    private static final String RESULTS = "claims";

    private final Registry registry;

    UhcPages(Registry registry) {
        this.registry = registry;
    }

    FakePortals.Response page(String sub, FakePortals.Request r) {
        boolean b = r.settings().layoutB();
        if (sub.equals("/home")) {
            return page("<h1>Welcome</h1><nav aria-label=Main><ul class=\"" + (b ? "nav-b" : "nav") + "\"><li><a href=\"/uhc/eligibility\">Eligibility</a></li>"
                    + "<li><a href=\"/uhc/claims\">Claims</a></li><li><a href=\"/uhc/logout\">Sign out</a></li></ul></nav>", b);
        }
        if (sub.equals("/claims") && r.post()) {
            return search(r, b);
        }
        if (sub.equals("/claims/results")) {
            return results(r, b);
        }
        if (sub.startsWith("/claims/")) {
            return details(sub.substring("/claims/".length()), r, b);
        }
        if (sub.equals("/claims")) {
            return page("<h1>Claim Search</h1>" + searchForm(b, Map.of()), b);
        }
        return FakePortals.Response.redirect(FakePortals.UHC.home());
    }

    private static FakePortals.Response page(String body, boolean b) {
        return FakePortals.Response.ok(Html.page(FakePortals.UHC.title(), "Claims", body, b));
    }

    private static String searchForm(boolean b, Map<String, String> p) {
        return Html.form("/uhc/claims", "Search Claims", b,
                Html.field("Member ID", "member_id", "text", p.get("member_id"), b),
                Html.field("Patient Date of Birth", "date_of_birth", "text", p.get("date_of_birth"), b),
                Html.field("Date of Service From", "from", "text", p.get("from"), b),
                Html.field("Date of Service To", "to", "text", p.get("to"), b),
                Html.field("Patient Account Number (optional)", "account", "text", p.get("account"), b));
    }

    private FakePortals.Response search(FakePortals.Request r, boolean b) {
        String memberId = r.form().getOrDefault("member_id", "").strip();
        LocalDate dob = AvailityPages.date(r.form().get("date_of_birth"));
        LocalDate from = AvailityPages.date(r.form().get("from"));
        LocalDate to = AvailityPages.date(r.form().get("to"));
        if (memberId.isEmpty() || dob == null || from == null || to == null) {
            return page("<h1>Claim Search</h1>" + Html.message("Enter a member ID, the patient's date of birth and the dates of service (MM/DD/YYYY).")
                    + searchForm(b, r.form()), b);
        }
        String account = r.form().getOrDefault("account", "").strip();
        boolean dobMatches = registry.member(memberId).map(m -> m.dateOfBirth() == null || m.dateOfBirth().equals(dob)).orElse(true);
        List<Claim> claims = dobMatches ? registry.claims(memberId, account.isEmpty() ? null : account, from, to).stream()
                .filter(c -> account.isEmpty() || c.patientControlNumber() == null || account.equalsIgnoreCase(c.patientControlNumber()))
                .filter(c -> c.serviceTo() == null || !c.serviceTo().isBefore(from))
                .filter(c -> c.serviceFrom() == null || !c.serviceFrom().isAfter(to))
                .toList() : List.of();
        r.session().data.put(RESULTS, claims);
        if (claims.isEmpty()) {
            return page("<h1>Claim Search</h1>" + Html.message("No claims found for member " + memberId + " (date of birth "
                    + COMPACT.format(dob) + ") and these dates of service.") + searchForm(b, r.form()), b);
        }
        return FakePortals.Response.redirect("/uhc/claims/results");
    }

    @SuppressWarnings("unchecked")
    private FakePortals.Response results(FakePortals.Request r, boolean b) {
        List<Claim> claims = (List<Claim>) r.session().data.getOrDefault(RESULTS, List.of());
        List<List<String>> rows = new ArrayList<>();
        for (Claim c : claims) {
            rows.add(List.of(Html.esc(c.payerClaimNumber()), Html.esc(c.patientControlNumber()), Html.esc(status(c.categoryCode())),
                    Html.esc(c.categoryCode()), Html.esc(c.statusCode()), Html.esc(AvailityPages.money(c.charge())), Html.esc(AvailityPages.money(c.paid())),
                    c.paidDate() == null ? "" : Html.esc(US.format(c.paidDate())), Html.esc(c.checkNumber()),
                    "<a href=\"/uhc/claims/" + Html.esc(c.payerClaimNumber()) + "\">Details</a>"));
        }
        return page("<h1>Claims</h1>" + Html.table("Claims", List.of("Claim Number", "Patient Control Number", "Status", "Category", "Status Code", "Billed",
                "Paid", "Paid Date", "Check Number", "Actions"), rows, b) + "<p><a href=\"/uhc/claims\">New search</a></p>", b);
    }

    @SuppressWarnings("unchecked")
    private FakePortals.Response details(String claimNumber, FakePortals.Request r, boolean b) {
        List<Claim> claims = (List<Claim>) r.session().data.getOrDefault(RESULTS, List.of());
        Claim c = claims.stream().filter(x -> x.payerClaimNumber().equals(claimNumber)).findFirst().orElse(null);
        if (c == null) {
            return new FakePortals.Response(404, Html.page(FakePortals.UHC.title(), "Claim", "<h1>Claim not found</h1>"
                    + "<p><a href=\"/uhc/claims\">New search</a></p>", b), null);
        }
        List<List<String>> rows = new ArrayList<>();
        for (Claim.Line l : c.lines() == null ? List.<Claim.Line>of() : c.lines()) {
            rows.add(List.of(Html.esc(l.procedureCode()), Html.esc(AvailityPages.money(l.charge())), Html.esc(AvailityPages.money(l.paid())),
                    Html.esc(l.categoryCode() + (l.statusCode() == null ? "" : ":" + l.statusCode()))));
        }
        return page("<h1>Claim " + Html.esc(c.payerClaimNumber()) + "</h1>" + Html.message(status(c.categoryCode()) + " - status code " + c.statusCode())
                + Html.table("Service lines", List.of("Procedure", "Billed", "Paid", "Status"), rows, b)
                + "<p><a href=\"/uhc/claims/results\">Back to claims</a></p>", b);
    }

    private static String status(String category) {
        if (category == null) {
            return "Unknown";
        }
        return switch (category.substring(0, 1)) {
            case "F" -> "F2".equals(category) ? "Denied" : "Paid";
            case "P" -> "Pending";
            case "A" -> "Acknowledged";
            default -> "In process";
        };
    }
}
