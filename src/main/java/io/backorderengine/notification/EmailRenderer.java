package io.backorderengine.notification;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.AbstractConfigurableTemplateResolver;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.FileTemplateResolver;

/**
 * Renders an email from its Thymeleaf templates {@code <name>.<language>.txt} (plain text; the first
 * line is the subject) and {@code <name>.<language>.html}. Both escape what they print, so a
 * customer's name cannot inject markup. Templates in the configured folder win over the built-in ones.
 */
@Component
class EmailRenderer {

    record Rendered(String subject, String text, String html) {}

    static final List<String> LANGUAGES = List.of("en", "de");

    // Spring's flavour evaluates expressions with SpEL; the plain engine would need OGNL
    private final SpringTemplateEngine engine = new SpringTemplateEngine();
    private final MailProperties properties;

    EmailRenderer(MailProperties properties) {
        this.properties = properties;
        int order = 1;
        if (properties.templateFolder() != null) {
            FileTemplateResolver text = new FileTemplateResolver();
            configure(
                    text,
                    properties.templateFolder().toAbsolutePath() + "/",
                    TemplateMode.TEXT,
                    "*.txt",
                    order++,
                    false);
            FileTemplateResolver html = new FileTemplateResolver();
            configure(
                    html,
                    properties.templateFolder().toAbsolutePath() + "/",
                    TemplateMode.HTML,
                    "*.html",
                    order++,
                    false);
            engine.addTemplateResolver(text);
            engine.addTemplateResolver(html);
        }
        engine.addTemplateResolver(configure(
                new ClassLoaderTemplateResolver(), "templates/mail/", TemplateMode.TEXT, "*.txt", order++, true));
        engine.addTemplateResolver(configure(
                new ClassLoaderTemplateResolver(), "templates/mail/", TemplateMode.HTML, "*.html", order, true));
    }

    Rendered render(OutgoingEmail email) {
        Map<String, Object> variables = new HashMap<>();
        // Values are single-line: the first rendered line is the subject header, so a line break in a
        // product or customer name must not end it early (or, in a header, start another one).
        email.model().forEach((key, value) -> variables.put(key, singleLine(value)));
        variables.put("shopName", properties.shopName());
        variables.put("supportContact", properties.supportContact());
        String language = LANGUAGES.contains(email.locale().getLanguage())
                ? email.locale().getLanguage()
                : "en";
        Context context = new Context(email.locale(), variables);
        String text = engine.process(email.template() + "." + language + ".txt", context);
        String html = engine.process(email.template() + "." + language + ".html", context);
        int firstLineEnd = text.indexOf('\n');
        String subject = (firstLineEnd < 0 ? text : text.substring(0, firstLineEnd)).trim();
        String body = firstLineEnd < 0 ? "" : text.substring(firstLineEnd + 1).stripLeading();
        return new Rendered(withoutLineBreaks(subject), body, html);
    }

    /**
     * A subject is a header: CR/LF in it would start a new header. Other control characters and
     * bidirectional overrides are dropped too (input refuses them; text stored before may hold them).
     */
    static String withoutLineBreaks(String header) {
        return header.replaceAll("[\\r\\n]+", " ")
                .replaceAll("[\\p{Cc}\\u202A-\\u202E\\u2066-\\u2069\\u2028\\u2029]", "");
    }

    @SuppressWarnings("unchecked")
    private static Object singleLine(Object value) {
        if (value instanceof String text) {
            return withoutLineBreaks(text);
        }
        if (value instanceof Map<?, ?> map) {
            return new SingleLineValues((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(EmailRenderer::singleLine).toList();
        }
        return value;
    }

    /**
     * A map's values made single-line as a template reads them, not all at once: a value may be costly to
     * work out (a case's mail line reads the case's tables for it), and a template reads only some.
     */
    private static final class SingleLineValues extends AbstractMap<String, Object> {

        private final Map<String, Object> source;

        SingleLineValues(Map<String, Object> source) {
            this.source = source;
        }

        @Override
        public Object get(Object key) {
            return singleLine(source.get(key));
        }

        @Override
        public boolean containsKey(Object key) {
            return source.containsKey(key);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            Set<Entry<String, Object>> entries = new LinkedHashSet<>();
            source.forEach((key, value) -> entries.add(new SimpleImmutableEntry<>(key, singleLine(value))));
            return entries;
        }
    }

    private static <R extends AbstractConfigurableTemplateResolver> R configure(
            R resolver, String prefix, TemplateMode mode, String pattern, int order, boolean cacheable) {
        resolver.setPrefix(prefix);
        resolver.setTemplateMode(mode);
        resolver.setResolvablePatterns(Set.of(pattern));
        resolver.setCharacterEncoding("UTF-8");
        resolver.setOrder(order);
        resolver.setCacheable(cacheable);
        // a template missing from the folder falls back to the built-in one
        resolver.setCheckExistence(true);
        return resolver;
    }
}
