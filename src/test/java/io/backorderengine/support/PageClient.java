package io.backorderengine.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Follows links and submits forms on server-rendered pages the way a browser without JavaScript
 * does: it keeps cookies and sends a form's hidden fields (such as the CSRF token) back.
 */
public final class PageClient {

    public record Page(int status, String html, URI uri) {

        /** The value of a hidden input in the page's form. */
        public String hidden(String name) {
            Matcher m = Pattern.compile("<input[^>]*name=\"" + Pattern.quote(name) + "\"[^>]*value=\"([^\"]*)\"")
                    .matcher(html);
            if (!m.find()) {
                m = Pattern.compile("<input[^>]*value=\"([^\"]*)\"[^>]*name=\"" + Pattern.quote(name) + "\"")
                        .matcher(html);
                if (!m.find()) {
                    return null;
                }
            }
            return m.group(1).replace("&amp;", "&");
        }

        /** The page's visible text, tags removed and entities of the usual kinds decoded. */
        public String text() {
            return html.replaceAll("(?s)<head>.*?</head>", "")
                    .replaceAll("<[^>]+>", " ")
                    .replace("&amp;", "&")
                    .replace("&#39;", "'")
                    .replace("&quot;", "\"")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace('\u00a0', ' ')
                    .replaceAll("\\s+", " ")
                    .trim();
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, String> cookies = new LinkedHashMap<>();

    public Page get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /** Submits the page's form with these visible fields; hidden fields come from the page. */
    public Page submit(Page form, Map<String, String> fields) {
        Matcher action = Pattern.compile("<form[^>]*action=\"([^\"]*)\"").matcher(form.html());
        if (!action.find()) {
            throw new AssertionError("no form on " + form.uri());
        }
        Map<String, String> values = new LinkedHashMap<>();
        Matcher hidden = Pattern.compile("<input type=\"hidden\"[^>]*>").matcher(form.html());
        while (hidden.find()) {
            Matcher name = Pattern.compile("name=\"([^\"]*)\"").matcher(hidden.group());
            Matcher value = Pattern.compile("value=\"([^\"]*)\"").matcher(hidden.group());
            if (name.find() && value.find()) {
                values.put(name.group(1), value.group(1).replace("&amp;", "&"));
            }
        }
        values.putAll(fields);
        String body = values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(form.uri().resolve(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Posts a raw form body, e.g. one that leaves the CSRF token out. */
    public Page post(String url, String formBody) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody)));
    }

    private Page send(HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            request.header(
                    "Cookie",
                    cookies.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining("; ")));
        }
        try {
            HttpRequest built = request.build();
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            response.headers().allValues("Set-Cookie").forEach(cookie -> {
                String pair = cookie.split(";", 2)[0];
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    cookies.put(
                            pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                }
            });
            return new Page(response.statusCode(), response.body(), built.uri());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
