package dev.edp.javadoc;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a doc comment into the plain text a schema description carries, and escapes it for a properties file. */
public final class Javadoc {

    private static final Pattern INLINE_TAG = Pattern.compile("\\{@(?:code|literal|value|link|linkplain)\\s+([^}]*)}");
    private static final Pattern HTML_TAG = Pattern.compile("</?[a-zA-Z][^>]*>");

    private Javadoc() {
    }

    /**
     * The comment's main description as one paragraph per blank line: block tags ({@code @param}, {@code @see}...)
     * dropped, {@code {@code x}} and {@code {@link X#y label}} reduced to their text, HTML tags removed, entities
     * decoded, whitespace within a paragraph collapsed.
     */
    public static String toPlainText(String comment) {
        StringBuilder body = new StringBuilder();
        for (String line : comment.split("\n", -1)) {
            if (line.strip().startsWith("@")) {
                break;
            }
            body.append(line).append('\n');
        }
        Matcher inline = INLINE_TAG.matcher(body);
        StringBuilder text = new StringBuilder();
        while (inline.find()) {
            String content = inline.group(1).strip();
            // {@link Type#member label}: the label when there is one, else the reference.
            int space = content.indexOf(' ');
            String shown = inline.group().startsWith("{@link") && space > 0 ? content.substring(space + 1) : content;
            if (shown.startsWith("#")) {
                shown = shown.substring(1); // {@link #TYPE}: a member of this class, by its name
            }
            // A code span's angle brackets are text ({@code bucket:<name>:read}), not HTML: kept as entities
            // through the tag removal below, then decoded with the comment's own.
            boolean code = inline.group().startsWith("{@code") || inline.group().startsWith("{@literal");
            String literal = code ? shown : shown.replace('#', '.');
            inline.appendReplacement(text, Matcher.quoteReplacement(literal.replace("&", "&amp;")
                    .replace("<", "&lt;").replace(">", "&gt;")));
        }
        inline.appendTail(text);
        String plain = HTML_TAG.matcher(text).replaceAll("")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        StringBuilder out = new StringBuilder();
        for (String paragraph : plain.strip().split("\\n\\s*\\n")) {
            if (out.length() > 0) {
                out.append("\n\n");
            }
            out.append(paragraph.strip().replaceAll("\\s+", " "));
        }
        return out.toString();
    }

    /** Escapes text for a {@link java.util.Properties} line: {@code \}, line breaks, {@code =}, {@code :}, non-ASCII. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '=', ':', '#', '!' -> out.append('\\').append(c);
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
