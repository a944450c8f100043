package io.rcmos.sim.portal;

import java.util.List;

/**
 * Server-rendered pages of the fake portals: accessible markup (labels bound to fields, real buttons, captioned
 * tables with header cells) so that role and label locators work, every value escaped. Layout {@code b} moves
 * things and renames ids and classes while keeping what a person reads.
 */
final class Html {

    private Html() {
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String page(String portal, String title, String body, boolean layoutB) {
        String css = layoutB
                ? "body{font-family:sans-serif;background:#f4f7fb}.wrap-b{display:flex;flex-direction:column-reverse;max-width:760px;margin:auto}"
                + ".fld-b{margin:6px 0}.tbl-b td,.tbl-b th{padding:4px 10px;border:1px solid #ccd}"
                : "body{font-family:sans-serif}.container{max-width:720px;margin:auto}.field{margin:8px 0}"
                + ".grid td,.grid th{padding:4px 8px;border-bottom:1px solid #ddd}";
        return "<!doctype html><html lang=en><head><meta charset=utf-8><title>" + esc(title) + " - " + esc(portal) + "</title><style>" + css
                + "</style></head><body><div class=\"" + (layoutB ? "wrap-b" : "container") + "\"><header><p>" + esc(portal) + "</p></header>"
                + "<main>" + body + "</main></div></body></html>";
    }

    /** A labelled input; layout b wraps it differently and gives it another id. */
    static String field(String label, String name, String type, String value, boolean layoutB) {
        String id = (layoutB ? "b-" : "f-") + name;
        String input = "<input id=\"" + id + "\" name=\"" + name + "\" type=\"" + type + "\"" + (value == null ? "" : " value=\"" + esc(value) + "\"")
                + " autocomplete=off>";
        return layoutB
                ? "<p class=fld-b><span><label for=\"" + id + "\">" + esc(label) + "</label></span><br>" + input + "</p>"
                : "<div class=field><label for=\"" + id + "\">" + esc(label) + "</label> " + input + "</div>";
    }

    static String select(String label, String name, List<String> options, boolean layoutB) {
        String id = (layoutB ? "b-" : "f-") + name;
        StringBuilder out = new StringBuilder("<div class=\"" + (layoutB ? "fld-b" : "field") + "\"><label for=\"" + id + "\">" + esc(label)
                + "</label> <select id=\"" + id + "\" name=\"" + name + "\"><option value=\"\">Choose…</option>");
        for (String o : options) {
            out.append("<option value=\"").append(esc(o)).append("\">").append(esc(o)).append("</option>");
        }
        return out.append("</select></div>").toString();
    }

    static String form(String action, String button, boolean layoutB, String... fields) {
        StringBuilder out = new StringBuilder("<form method=post action=\"" + esc(action) + "\">");
        if (layoutB) {
            for (int i = fields.length - 1; i >= 0; i--) {
                out.append(fields[i]);
            }
        } else {
            for (String f : fields) {
                out.append(f);
            }
        }
        return out.append("<button type=submit class=\"").append(layoutB ? "btn-b" : "btn").append("\">").append(esc(button))
                .append("</button></form>").toString();
    }

    /** A table named by its caption, with header cells; cells are escaped unless they are trusted markup. */
    static String table(String caption, List<String> headers, List<List<String>> rows, boolean layoutB) {
        StringBuilder out = new StringBuilder("<table class=\"" + (layoutB ? "tbl-b" : "grid") + "\"><caption>" + esc(caption)
                + "</caption><thead><tr>");
        headers.forEach(h -> out.append("<th scope=col>").append(esc(h)).append("</th>"));
        out.append("</tr></thead><tbody>");
        for (List<String> row : rows) {
            out.append("<tr>");
            row.forEach(c -> out.append("<td>").append(c).append("</td>"));
            out.append("</tr>");
        }
        return out.append("</tbody></table>").toString();
    }

    static String message(String text) {
        return "<p role=status>" + esc(text) + "</p>";
    }
}
