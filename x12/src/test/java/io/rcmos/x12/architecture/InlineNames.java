package io.rcmos.x12.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds fully qualified {@code io.rcmos.} names used in code (not in import or package lines, comments or string
 * literals) — a use of another package's class should import it. The one exception is a name Java cannot import
 * because its simple name is already imported from elsewhere (e.g. Playwright's {@code Locator} beside the flow
 * language's).
 */
public final class InlineNames {

    private static final Pattern QUALIFIED = Pattern.compile("\\bio\\.rcmos\\.(?:[a-z_][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_]*)");
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.]+)\\s*;", Pattern.MULTILINE);

    private InlineNames() {
    }

    /** {@code file:line: name} for every offender under {@code root}. */
    public static List<String> find(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            List<String> out = new ArrayList<>();
            for (Path f : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                out.addAll(find(root.relativize(f).toString(), Files.readString(f)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> find(String file, String source) {
        Set<String> imported = IMPORT.matcher(source).results().map(m -> m.group(1))
                .map(name -> name.substring(name.lastIndexOf('.') + 1)).collect(Collectors.toSet());
        String[] lines = code(source).split("\n", -1);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("import ") || line.startsWith("package ")) {
                continue;
            }
            Matcher m = QUALIFIED.matcher(lines[i]);
            while (m.find()) {
                if (!imported.contains(m.group(1))) {
                    out.add(file + ":" + (i + 1) + ": " + m.group());
                }
            }
        }
        return out;
    }

    /** The source with comments and string, text-block and character literals blanked out (line breaks kept). */
    static String code(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (s.startsWith("//", i)) {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                i = blank(s, i, end < 0 ? s.length() : end + 2, out);
            } else if (s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                while (end > 0 && s.charAt(end - 1) == '\\') {
                    end = s.indexOf("\"\"\"", end + 1);
                }
                i = blank(s, i, end < 0 ? s.length() : end + 3, out);
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != c && s.charAt(j) != '\n') {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                i = blank(s, i, Math.min(s.length(), j + 1), out);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int blank(String s, int from, int to, StringBuilder out) {
        for (int k = from; k < to; k++) {
            out.append(s.charAt(k) == '\n' ? '\n' : ' ');
        }
        return to;
    }
}
