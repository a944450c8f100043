package io.rcmos.server.runs;

import java.util.Locale;

/**
 * The characters a value may hold to go into a 270 or 276: X12's basic and extended character sets (printable ASCII)
 * and Latin letters with their accents (names such as José or Müller travel as UTF-8). Nothing is ever replaced or
 * dropped: a value with anything else is refused naming its field, with what was found — an emoji or other symbol,
 * an unpaired UTF-16 surrogate (text broken before it reached us), a control character, an invisible formatting
 * character, or a letter of another script — and the code point where that says nothing about the value.
 * The X12 delimiters {@code ~ * : ^} are refused as well: payers' parsers split on them.
 */
public final class X12Text {

    /** X12 separators our writers may use; data containing them is refused by clearinghouses (stedi.md). */
    static final String X12_DELIMITERS = "~*:^";

    private X12Text() {
    }

    /** Why {@code text} cannot go into an X12 request, or null when it can. */
    public static String problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1)))
                    || Character.isLowSurrogate(c)) {
                return "contains an unpaired UTF-16 surrogate (broken text); nothing was replaced: send the value again as valid UTF-8";
            }
            int cp = text.codePointAt(i);
            if (Character.isSupplementaryCodePoint(cp)) {
                return "contains an emoji or a character outside X12's character set (" + hex(cp) + ")";
            }
            if (c >= 0x20 && c <= 0x7E) {
                if (X12_DELIMITERS.indexOf(c) >= 0) {
                    return "must not contain any of the characters ~ * : ^";
                }
                continue;
            }
            int type = Character.getType(c);
            if (Character.isISOControl(c)) {
                // no payer takes them, and PostgreSQL's jsonb refuses NUL
                return "must not contain control characters (tabs, line breaks, NUL…)";
            }
            if (type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.SPACE_SEPARATOR) {
                return "contains an invisible formatting or spacing character (" + hex(cp) + ")";
            }
            if (type == Character.OTHER_SYMBOL || type == Character.MATH_SYMBOL || type == Character.CURRENCY_SYMBOL
                    || type == Character.MODIFIER_SYMBOL) {
                return "contains an emoji or symbol outside X12's character set (" + hex(cp) + ")";
            }
            if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK) {
                if (i > 0 && Character.isLetter(text.charAt(i - 1)) || i > 0 && Character.getType(text.charAt(i - 1)) == Character.NON_SPACING_MARK) {
                    continue;
                }
                return "contains a combining mark that follows no letter (" + hex(cp) + ")";
            }
            if (Character.isLetter(c) && Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN) {
                continue;
            }
            if (Character.isLetter(c)) {
                return "contains a letter outside the Latin alphabet (" + Character.UnicodeScript.of(cp).name().toLowerCase(Locale.ROOT)
                        + " script), which X12 cannot carry";
            }
            return "contains a character outside X12's character set (" + hex(cp) + ")";
        }
        return null;
    }

    private static String hex(int cp) {
        return String.format(Locale.ROOT, "U+%04X", cp);
    }
}
