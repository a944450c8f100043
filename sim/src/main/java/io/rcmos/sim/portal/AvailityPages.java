package io.rcmos.sim.portal;

import io.rcmos.sim.registry.Member;
import io.rcmos.sim.registry.Registry;
import io.rcmos.sim.registry.Scenario;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Availity-like eligibility pages: a member search (payer, member id, birth date, names) and a benefits page
 * whose values are the registry's — the same plan, copays, co-insurance, deductible and out-of-pocket the Stedi
 * simulator's 271 carries (in-network individual unless a row says otherwise).
 */
final class AvailityPages {

    static final List<String> PAYERS = List.of("UnitedHealthcare", "Aetna", "Cigna", "Humana");
    private static final Map<String, String> PAYER_IDS = Map.of("UnitedHealthcare", "87726", "Aetna", "60054", "Cigna", "62308",
            "Humana", "61101");
    private static final DateTimeFormatter US = DateTimeFormatter.ofPattern("MM/dd/yyyy");
    private static final DateTimeFormatter LONG = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.US);
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("M/d/yyyy");

    private final Registry registry;
    private final Set<String> recovered = ConcurrentHashMap.newKeySet();

    AvailityPages(Registry registry) {
        this.registry = registry;
    }

    FakePortals.Response page(String sub, FakePortals.Request r) {
        if (!sub.equals("/eligibility")) {
            return FakePortals.Response.redirect(FakePortals.AVAILITY.home());
        }
        boolean b = r.settings().layoutB();
        if (!r.post()) {
            return page("<h1>Eligibility and Benefits Inquiry</h1>" + searchForm(b, null), b);
        }
        String memberId = r.form().getOrDefault("member_id", "").strip();
        String payer = r.form().getOrDefault("payer", "");
        LocalDate dob = date(r.form().get("date_of_birth"));
        if (memberId.isEmpty() || payer.isEmpty() || dob == null) {
            return page("<h1>Eligibility and Benefits Inquiry</h1>"
                    + Html.message("Choose a payer and enter a member ID and a date of birth (MM/DD/YYYY).") + searchForm(b, r.form()), b);
        }
        Optional<Member> found = registry.member(memberId).filter(m -> m.payerId() == null || m.payerId().equals(PAYER_IDS.get(payer)))
                .filter(m -> m.dateOfBirth() == null || m.dateOfBirth().equals(dob));
        if (found.isEmpty() || Set.of(Scenario.NOT_FOUND, Scenario.INVALID_MEMBER_ID, Scenario.INVALID_NAME).contains(found.get().scenario())) {
            // like real portals, the refusal repeats what was asked (a test that screenshots must mask more than fields)
            return page("<h1>Eligibility and Benefits Inquiry</h1>" + Html.message("No results found for member ID " + memberId + ", born "
                    + LONG.format(dob) + ". Check the member ID and date of birth.") + searchForm(b, r.form()), b);
        }
        Member m = found.get();
        Scenario scenario = m.scenario();
        if (scenario == Scenario.PAYER_UNAVAILABLE) {
            if (recovered.add(m.memberId().toUpperCase(Locale.ROOT))) {
                return page("<h1>Eligibility and Benefits Inquiry</h1>"
                        + Html.message("The payer is temporarily unavailable for member " + memberId + ". Please try again in a few minutes.")
                        + searchForm(b, r.form()), b);
            }
            scenario = Scenario.ACTIVE;
        }
        if (scenario == Scenario.CLEARINGHOUSE_OUTAGE) {
            scenario = Scenario.ACTIVE; // only the clearinghouse link is down: the portal answers
        }
        if (scenario == Scenario.PROVIDER_NOT_ELIGIBLE || scenario == Scenario.INVALID_PROVIDER_ID) {
            return page("<h1>Eligibility and Benefits Inquiry</h1>"
                    + Html.message("Your organization is not enrolled for eligibility inquiries with this payer.") + searchForm(b, r.form()), b);
        }
        return page(benefits(m, dob, scenario == Scenario.ACTIVE, r.form(), b), b);
    }

    private static FakePortals.Response page(String body, boolean b) {
        return FakePortals.Response.ok(Html.page(FakePortals.AVAILITY.title(), "Eligibility", body, b));
    }

    private static String searchForm(boolean b, Map<String, String> previous) {
        Map<String, String> p = previous == null ? Map.of() : previous;
        return Html.form("/availity/eligibility", "Search", b,
                Html.select("Payer", "payer", PAYERS, b),
                Html.field("Member ID", "member_id", "text", p.get("member_id"), b),
                Html.field("Date of Birth", "date_of_birth", "text", p.get("date_of_birth"), b),
                Html.field("Last Name", "last_name", "text", p.get("last_name"), b),
                Html.field("First Name", "first_name", "text", p.get("first_name"), b));
    }

    private static String benefits(Member m, LocalDate dob, boolean active, Map<String, String> form, boolean b) {
        String first = m.firstName() != null ? m.firstName() : form.getOrDefault("first_name", "");
        String last = m.lastName() != null ? m.lastName() : form.getOrDefault("last_name", "");
        List<String[]> facts = new ArrayList<>();
        facts.add(new String[]{"Member", first + " " + last + " (" + m.memberId() + ")"});
        facts.add(new String[]{"Date of Birth", SHORT.format(dob)});
        facts.add(new String[]{"Coverage Status", active ? "Active" : "Inactive"});
        if (m.plan() != null) {
            facts.add(new String[]{"Plan Name", m.plan().name()});
            facts.add(new String[]{"Group Number", m.plan().groupNumber()});
            if (m.plan().begin() != null) {
                facts.add(new String[]{"Plan Begin Date", US.format(m.plan().begin())});
            }
            if (m.plan().end() != null) {
                facts.add(new String[]{"Plan End Date", US.format(m.plan().end())});
            }
        }
        if (b) {
            java.util.Collections.reverse(facts);
        }
        StringBuilder dl = new StringBuilder("<dl class=\"" + (b ? "facts-b" : "summary") + "\">");
        for (String[] f : facts) {
            String id = (b ? "fb-" : "fa-") + f[0].toLowerCase(Locale.ROOT).replace(' ', '-');
            dl.append("<dt id=\"").append(id).append("\">").append(Html.esc(f[0])).append("</dt><dd aria-labelledby=\"").append(id)
                    .append("\">").append(Html.esc(f[1])).append("</dd>");
        }
        dl.append("</dl>");
        String table = "";
        if (active && m.benefits() != null) {
            table = Html.table("Benefits", List.of("Service Type", "Network", "Coverage Level", "Copay", "Coinsurance", "Deductible", "Remaining"),
                    rows(m.benefits()), b);
        }
        return "<h1>Eligibility and Benefits</h1>" + dl + table + "<p><a href=\"/availity/eligibility\">New search</a></p>";
    }

    /** The rows a billing person reads; the same numbers as the simulator's 271 benefits. */
    private static List<List<String>> rows(Member.Benefits x) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(row("Health Benefit Plan Coverage", "In Network", "Individual", null, percent(x.coinsurance()), money(x.deductible()),
                money(x.deductibleRemaining())));
        rows.add(row("Office Visit", "In Network", "Individual", money(x.officeCopay()), null, null, null));
        rows.add(row("Out of Pocket", "In Network", "Individual", null, null, money(x.outOfPocket()), money(x.outOfPocketRemaining())));
        if (x.rich()) {
            rows.add(row("Specialist", "In Network", "Individual", money(x.specialistCopay()), null, null, null));
            rows.add(row("Emergency Room", "In Network", "Individual", money(x.emergencyCopay()), null, null, null));
            rows.add(row("Health Benefit Plan Coverage", "In Network", "Family", null, null, money(x.deductible().multiply(BigDecimal.valueOf(2))), null));
            rows.add(row("Health Benefit Plan Coverage", "Out of Network", "Individual", null, percent(x.coinsurance().add(new BigDecimal("0.20"))),
                    money(x.deductible().multiply(BigDecimal.valueOf(2))), null));
        }
        return rows;
    }

    private static List<String> row(String... cells) {
        List<String> out = new ArrayList<>();
        for (String c : cells) {
            out.add(c == null ? "&ndash;" : Html.esc(c));
        }
        return out;
    }

    static String money(BigDecimal v) {
        return v == null ? null : NumberFormat.getCurrencyInstance(Locale.US).format(v);
    }

    private static String percent(BigDecimal fraction) {
        return fraction == null ? null : fraction.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    static LocalDate date(String us) {
        try {
            return us == null ? null : LocalDate.parse(us.strip(), US);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
