package io.rcmos.x12.write;

import java.util.List;

/**
 * The four X12 separators of one interchange. The preferred set is {@code ~ * : ^}; when a value to be written
 * contains one of them, another character that appears in no value is chosen, so data never collides with
 * syntax. ISA carries the element separator (its 4th character), ISA11 (repetition) and ISA16 (component).
 */
public record X12Delimiters(char segment, char element, char component, char repetition) {

    // printable fall-backs only: ISA11 and ISA16 are element values and must be valid X12 characters
    private static final String SEGMENT = "~\n`";
    private static final String ELEMENT = "*|+!";
    private static final String COMPONENT = ":>@\\";
    private static final String REPETITION = "^{}`";

    public static X12Delimiters choose(List<String> values) {
        StringBuilder used = new StringBuilder();
        for (String v : values) {
            if (v != null) {
                used.append(v);
            }
        }
        String data = used.toString();
        char segment = pick(SEGMENT, data, "");
        char element = pick(ELEMENT, data, "" + segment);
        char component = pick(COMPONENT, data, "" + segment + element);
        char repetition = pick(REPETITION, data, "" + segment + element + component);
        return new X12Delimiters(segment, element, component, repetition);
    }

    private static char pick(String candidates, String data, String taken) {
        for (char c : candidates.toCharArray()) {
            if (data.indexOf(c) < 0 && taken.indexOf(c) < 0) {
                return c;
            }
        }
        throw new IllegalArgumentException("the values use every candidate delimiter; they cannot be written as X12");
    }
}
