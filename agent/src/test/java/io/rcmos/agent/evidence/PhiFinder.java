package io.rcmos.agent.evidence;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test oracle for patient data: given the PHI a test used, finds which kinds of it occur in text a system wrote
 * (logs, spans, JSON, HTML, HAR) or in what OCR read from a picture. Deliberately independent of the masking code:
 * it does not list spellings but reads every date-like thing in the text (numeric in any order and separator,
 * eight digits, month names) and compares dates; ids and names are found case-insensitively as whole words, after
 * undoing URL, JSON and HTML escapes. On OCR text it also forgives the usual confusions (O/0, I/l/1, S/5, B/8, Z/2)
 * and spaces OCR puts inside an id. Results name the kind, never the value, so a failure prints no PHI.
 */
public final class PhiFinder {

    /** Kinds of patient data, as failures name them. */
    public enum Kind {
        MEMBER_ID("member id"), NAME("name"), BIRTH_DATE("birth date"), CONTROL_NUMBER("claim or patient control number");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private record Value(Kind kind, String text, LocalDate date) {
    }

    private static final Pattern NUMERIC_DATE = Pattern.compile("(?<![0-9])([0-9]{1,4})\\s*([-/.])\\s*([0-9]{1,2})\\s*\\2\\s*([0-9]{2,4})(?![0-9])");
    private static final Pattern COMPACT_DATE = Pattern.compile("(?<![0-9])([0-9]{8})(?![0-9])");
    private static final String MONTH = "(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?";
    private static final Pattern MONTH_FIRST = Pattern.compile("(?<![a-z])" + MONTH + "\\s*([0-9]{1,2})(?:st|nd|rd|th)?\\s*,?\\s*([0-9]{2,4})(?![0-9])");
    private static final Pattern DAY_FIRST = Pattern.compile("(?<![0-9])([0-9]{1,2})(?:st|nd|rd|th)?[\\s-]*" + MONTH + "[\\s-]*,?\\s*([0-9]{2,4})(?![0-9])");
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

    private final List<Value> values = new ArrayList<>();

    public static PhiFinder create() {
        return new PhiFinder();
    }

    public PhiFinder memberId(String v) {
        return add(Kind.MEMBER_ID, v);
    }

    public PhiFinder name(String v) {
        return add(Kind.NAME, v);
    }

    public PhiFinder controlNumber(String v) {
        return add(Kind.CONTROL_NUMBER, v);
    }

    /** A birth date as ISO {@code YYYY-MM-DD}. */
    public PhiFinder birthDate(String iso) {
        values.add(new Value(Kind.BIRTH_DATE, iso, LocalDate.parse(iso)));
        return this;
    }

    private PhiFinder add(Kind kind, String v) {
        if (v != null && !v.isBlank()) {
            values.add(new Value(kind, v.strip(), null));
        }
        return this;
    }

    /**
     * The PHI among a portal flow's inputs (the names the shipped flows and the portal channel use): member id, names,
     * birth date, patient control and payer claim numbers.
     */
    public static PhiFinder ofFlowInput(java.util.Map<String, String> input) {
        PhiFinder phi = create().memberId(input.get("member_id")).name(input.get("first_name")).name(input.get("last_name"))
                .controlNumber(input.get("patient_control_number")).controlNumber(input.get("payer_claim_number"));
        String dob = input.get("date_of_birth");
        return dob == null || dob.isBlank() ? phi : phi.birthDate(dob);
    }

    /** Adds everything another finder looks for. */
    public PhiFinder and(PhiFinder other) {
        values.addAll(other.values);
        return this;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** Kinds whose values occur in text the system wrote, as written or URL-, JSON- or HTML-escaped. */
    public Set<Kind> inText(String text) {
        Set<Kind> found = EnumSet.noneOf(Kind.class);
        if (text == null || text.isEmpty()) {
            return found;
        }
        for (String variant : decoded(text)) {
            String lower = variant.toLowerCase(Locale.ROOT);
            for (Value v : values) {
                if (v.date() != null ? datesIn(lower).contains(v.date()) : wholeWord(lower, v.text().toLowerCase(Locale.ROOT))) {
                    found.add(v.kind());
                }
            }
        }
        return found;
    }

    /** Kinds whose values occur in OCR output, forgiving OCR's usual confusions. */
    public Set<Kind> inOcr(String ocr) {
        Set<Kind> found = EnumSet.noneOf(Kind.class);
        if (ocr == null || ocr.isBlank()) {
            return found;
        }
        String lower = ocr.toLowerCase(Locale.ROOT);
        Set<LocalDate> dates = new LinkedHashSet<>(datesIn(lower));
        dates.addAll(datesIn(digitsConfused(lower)));
        String canonical = canonical(ocr);
        String squeezed = canonical.replaceAll("\\s+", "");
        for (Value v : values) {
            boolean hit;
            if (v.date() != null) {
                hit = dates.contains(v.date());
            } else {
                String needle = canonical(v.text());
                hit = wholeWord(canonical, needle)
                        || (v.kind() != Kind.NAME && needle.length() >= 6 && squeezed.contains(needle.replaceAll("\\s+", "")));
            }
            if (hit) {
                found.add(v.kind());
            }
        }
        return found;
    }

    private static boolean wholeWord(String text, String needle) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(needle) + "(?![\\p{L}\\p{N}])").matcher(text).find();
    }

    /** Upper case with look-alikes folded: what OCR may have read for a string. */
    private static String canonical(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toUpperCase(Locale.ROOT).toCharArray()) {
            out.append(switch (c) {
                case 'O', 'Q' -> '0';
                case 'I', 'L', '|', '!' -> '1';
                case 'S' -> '5';
                case 'B' -> '8';
                case 'Z' -> '2';
                default -> c;
            });
        }
        return out.toString();
    }

    /** Letters OCR reads for digits, turned back into digits (for finding numeric dates in OCR output). */
    private static String digitsConfused(String lower) {
        return lower.replace('o', '0').replace('l', '1').replace('i', '1').replace('|', '1').replace('s', '5').replace('b', '8');
    }

    private static List<String> decoded(String text) {
        Set<String> variants = new LinkedHashSet<>();
        variants.add(text);
        String json = text.replace("\\/", "/").replace("\\\"", "\"");
        json = Pattern.compile("\\\\u([0-9a-fA-F]{4})").matcher(json).replaceAll(m -> Matcher.quoteReplacement(
                String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        variants.add(json);
        variants.add(html(json));
        variants.add(url(json));
        variants.add(url(url(json))); // a form value inside a URL inside JSON
        return List.copyOf(variants);
    }

    private static String url(String s) {
        StringBuilder out = new StringBuilder(s.length());
        Matcher m = Pattern.compile("(%[0-9a-fA-F]{2})+|\\+").matcher(s);
        int last = 0;
        while (m.find()) {
            out.append(s, last, m.start());
            out.append(m.group().equals("+") ? " " : URLDecoder.decode(m.group(), StandardCharsets.UTF_8));
            last = m.end();
        }
        return out.append(s.substring(last)).toString();
    }

    private static String html(String s) {
        String out = Pattern.compile("&#(x[0-9a-fA-F]+|[0-9]+);").matcher(s).replaceAll(m -> {
            String n = m.group(1);
            int code = n.startsWith("x") ? Integer.parseInt(n.substring(1), 16) : Integer.parseInt(n);
            return Matcher.quoteReplacement(new String(Character.toChars(code)));
        });
        return out.replace("&quot;", "\"").replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", " ")
                .replace("&amp;", "&");
    }

    /** Every date the (lower-case) text may spell, in each reading of ambiguous numeric forms. */
    static Set<LocalDate> datesIn(String lower) {
        Set<LocalDate> dates = new LinkedHashSet<>();
        Matcher m = NUMERIC_DATE.matcher(lower);
        while (m.find()) {
            String a = m.group(1);
            String b = m.group(3);
            String c = m.group(4);
            if (a.length() == 4) {
                add(dates, year(a), b, c);
            } else {
                add(dates, year(c), a, b); // month first (US)
                add(dates, year(c), b, a); // day first
            }
        }
        m = COMPACT_DATE.matcher(lower);
        while (m.find()) {
            String d = m.group(1);
            add(dates, year(d.substring(0, 4)), d.substring(4, 6), d.substring(6));
            add(dates, year(d.substring(4)), d.substring(0, 2), d.substring(2, 4));
            add(dates, year(d.substring(4)), d.substring(2, 4), d.substring(0, 2));
        }
        m = MONTH_FIRST.matcher(lower);
        while (m.find()) {
            add(dates, year(m.group(3)), String.valueOf(MONTHS.indexOf(m.group(1)) + 1), m.group(2));
        }
        m = DAY_FIRST.matcher(lower);
        while (m.find()) {
            add(dates, year(m.group(3)), String.valueOf(MONTHS.indexOf(m.group(2)) + 1), m.group(1));
        }
        return dates;
    }

    /** A two-digit year stands for both centuries a birth date may be in. */
    private static List<Integer> year(String y) {
        int n = Integer.parseInt(y);
        return y.length() == 2 ? List.of(1900 + n, 2000 + n) : List.of(n);
    }

    private static void add(Set<LocalDate> dates, List<Integer> years, String month, String day) {
        for (int y : years) {
            try {
                dates.add(LocalDate.of(y, Integer.parseInt(month), Integer.parseInt(day)));
            } catch (DateTimeException | NumberFormatException ignored) {
                // not a date in this reading
            }
        }
    }

    @Override
    public String toString() {
        return "PhiFinder" + values.stream().map(Value::kind).toList(); // kinds only: tests print this
    }
}
