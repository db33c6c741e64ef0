package dev.edp.runtime.cur;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes small cost reports for the parser's tests, with the quirks switched on one by one: layout, extra and tag
 * columns, BOM, CRLF, gzip. Rows give the four needed values; the other columns get filler that needs quoting.
 */
final class ReportBuilder {

    private final CurLayout layout;
    private final List<String> header = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();
    private int tags;
    private boolean bom;
    private String newline = "\n";

    private ReportBuilder(CurLayout layout) {
        this.layout = layout;
    }

    static ReportBuilder legacy() {
        return new ReportBuilder(CurLayout.LEGACY);
    }

    static ReportBuilder cur2() {
        return new ReportBuilder(CurLayout.CUR2);
    }

    ReportBuilder tags(int count) {
        this.tags = count;
        return this;
    }

    ReportBuilder bom() {
        this.bom = true;
        return this;
    }

    ReportBuilder crlf() {
        this.newline = "\r\n";
        return this;
    }

    /** The header: description first, then the needed columns in an order that differs per layout, then tags. */
    List<String> columns() {
        if (header.isEmpty()) {
            header.add(layout == CurLayout.LEGACY ? "lineItem/LineItemDescription" : "line_item_line_item_description");
            if (layout == CurLayout.LEGACY) {
                header.addAll(List.of("identity/LineItemId", layout.usageStart(), layout.account(), "lineItem/LineItemType",
                        layout.product(), layout.cost()));
            } else {
                header.addAll(List.of(layout.cost(), "identity_line_item_id", layout.product(), layout.account(),
                        "line_item_line_item_type", layout.usageStart()));
            }
            for (int i = 0; i < tags; i++) {
                header.add(layout == CurLayout.LEGACY ? "resourceTags/user:team" + i : "resource_tags_user_team" + i);
            }
        }
        return header;
    }

    /** A data row with a description that needs quoting (commas, quotes, a line break). */
    ReportBuilder row(String usageStart, String account, String product, String cost) {
        return row("\"Usage, \"\"quoted\"\"\nsecond line\"", usageStart, account, product, cost);
    }

    /** A data row with a raw (already quoted as wanted) description field. */
    ReportBuilder row(String rawDescription, String usageStart, String account, String product, String cost) {
        List<String> fields = new ArrayList<>();
        for (String column : columns()) {
            if (column.equals(layout.usageStart())) {
                fields.add(usageStart);
            } else if (column.equals(layout.account())) {
                fields.add(account);
            } else if (column.equals(layout.product())) {
                fields.add(product);
            } else if (column.equals(layout.cost())) {
                fields.add(cost);
            } else if (column.contains("Description") || column.contains("description")) {
                fields.add(rawDescription);
            } else if (column.contains("team") ) {
                fields.add(fields.size() % 3 == 0 ? "" : "\"team, " + fields.size() + "\"");
            } else {
                fields.add("Usage");
            }
        }
        lines.add(String.join(",", fields));
        return this;
    }

    /** A line written as is. */
    ReportBuilder raw(String line) {
        lines.add(line);
        return this;
    }

    String text() {
        StringBuilder text = new StringBuilder();
        if (bom) {
            text.append('\uFEFF');
        }
        text.append(String.join(",", columns())).append(newline);
        for (String line : lines) {
            text.append(line.replace("\n", newline)).append(newline);
        }
        return text.toString();
    }

    byte[] csv() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    byte[] gzip() {
        return gzip(csv());
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
