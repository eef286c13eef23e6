package io.backorderengine.system;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * Pages are shown in the language a controller chose for the request (a customer's page in the
 * customer's language), else in the browser's.
 */
@Configuration(proxyBeanMethods = false)
public class WebLocale {

    /** The request attribute a controller sets to the {@link Locale} its page must use. */
    public static final String REQUEST_ATTRIBUTE = WebLocale.class.getName() + ".locale";

    @Bean
    LocaleResolver localeResolver() {
        return new AcceptHeaderLocaleResolver() {
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                return request.getAttribute(REQUEST_ATTRIBUTE) instanceof Locale chosen
                        ? chosen
                        : super.resolveLocale(request);
            }
        };
    }
}
