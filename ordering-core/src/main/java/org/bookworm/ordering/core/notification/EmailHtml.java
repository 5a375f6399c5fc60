package org.bookworm.ordering.core.notification;

import org.bookworm.ordering.core.notification.EmailTemplates.Content;
import org.bookworm.ordering.core.notification.EmailTemplates.Detail;

/**
 * The HTML layout of an e-mail: a single-column page with inline styles (mail clients drop style sheets). Every value
 * that comes from outside (names, titles, amounts, ids) is escaped, so a name like {@code <script>} is shown, never
 * run, and cannot break the markup.
 */
final class EmailHtml {
    private static final String CELL = "<td style=\"padding:8px 10px;border-bottom:1px solid #e0e0e0;\">";
    private static final String TEXT = "<p style=\"margin:12px 0;color:#333333;\">";

    private EmailHtml() {}

    static String render(String title, Content content) {
        var html = new StringBuilder();
        head(html, title);
        paragraph(html, content.greeting());
        paragraph(html, content.opening());
        html.append("<table role=\"presentation\" style=\"width:100%;border-collapse:collapse;font-size:14px;\">\n");
        for (Detail detail : content.details()) {
            html.append("<tr>").append(CELL).append("<strong>").append(escape(detail.label()));
            html.append(":</strong></td>")
                    .append(CELL)
                    .append(escape(detail.value()))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n<ul style=\"color:#333333;\">\n");
        content.lines().forEach(line -> html.append("<li>").append(escape(line)).append("</li>\n"));
        html.append("</ul>\n");
        paragraph(html, content.closing());
        html.append(TEXT)
                .append("Best regards,<br>\n")
                .append(escape(content.signature()))
                .append("</p>\n</div>\n");
        html.append("<p style=\"text-align:center;font-size:12px;color:#666666;\">")
                .append(escape(content.footer()))
                .append("</p>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void head(StringBuilder html, String title) {
        html.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\">\n<title>")
                .append(escape(title))
                .append("</title>\n</head>\n<body style=\"margin:0;padding:0;background-color:#f4f4f4;")
                .append("font-family:Roboto,Arial,sans-serif;font-size:16px;\">\n")
                .append("<div style=\"max-width:600px;margin:0 auto;padding:20px 25px;background-color:#ffffff;\">\n")
                .append("<h1 style=\"font-size:24px;text-align:center;color:#333333;\">BookWorm</h1>\n")
                .append("<h2 style=\"font-size:18px;color:#111827;\">")
                .append(escape(EmailTemplates.HEADING))
                .append("</h2>\n");
    }

    /** A text-only e-mail as HTML: the text, escaped, line breaks kept. */
    static String preformatted(String text) {
        return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\">\n</head>\n<body>\n"
                + "<pre style=\"font-family:inherit;white-space:pre-wrap;\">" + escape(text)
                + "</pre>\n</body>\n</html>\n";
    }

    /** Escapes the five characters that can change HTML's meaning in text and in quoted attribute values. */
    static String escape(String text) {
        var escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static void paragraph(StringBuilder html, String text) {
        html.append(TEXT).append(escape(text)).append("</p>\n");
    }
}
