package io.backorderengine.notification;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders an email from its Thymeleaf templates: {@code <name>.txt} (plain text; its first line is
 * the subject) and {@code <name>.html}. Both escape what they print unless told otherwise, so a
 * customer's name cannot inject markup.
 */
@Component
class EmailRenderer {

    record Rendered(String subject, String text, String html) {
    }

    // Spring's flavour evaluates expressions with SpEL; the plain engine would need OGNL
    private final SpringTemplateEngine engine = new SpringTemplateEngine();
    private final MailProperties properties;

    EmailRenderer(MailProperties properties) {
        this.properties = properties;
        engine.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 1));
        engine.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 2));
    }

    Rendered render(OutgoingEmail email) {
        Map<String, Object> variables = new HashMap<>();
        // Values are single-line: the first rendered line is the subject header, so a line break in a
        // product or customer name must not end it early (or, in a header, start another one).
        email.model().forEach((key, value) -> variables.put(key, value instanceof String text ? withoutLineBreaks(text) : value));
        variables.put("shopName", properties.shopName());
        variables.put("supportContact", properties.supportContact());
        Context context = new Context(email.locale(), variables);
        String text = engine.process(email.template() + ".txt", context);
        String html = engine.process(email.template() + ".html", context);
        int firstLineEnd = text.indexOf('\n');
        String subject = (firstLineEnd < 0 ? text : text.substring(0, firstLineEnd)).trim();
        String body = firstLineEnd < 0 ? "" : text.substring(firstLineEnd + 1).stripLeading();
        return new Rendered(withoutLineBreaks(subject), body, html);
    }

    /** A subject is a header: CR/LF in it would start a new header. */
    static String withoutLineBreaks(String header) {
        return header.replaceAll("[\\r\\n]+", " ");
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/mail/");
        resolver.setTemplateMode(mode);
        resolver.setResolvablePatterns(Set.of(pattern));
        resolver.setCharacterEncoding("UTF-8");
        resolver.setOrder(order);
        resolver.setCacheable(true);
        return resolver;
    }
}
