package io.backorderengine.system;

import static io.backorderengine.system.Roles.ADMINS;
import static io.backorderengine.system.Roles.AGENTS;
import static io.backorderengine.system.Roles.ANALYSTS;
import static io.backorderengine.system.Roles.MONITORING;
import static io.backorderengine.system.Roles.ORDER_SYSTEMS;
import static io.backorderengine.system.Roles.SUPERVISORS;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.metrics.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may use which HTTP surface. The REST APIs take HTTP Basic credentials checked by the engine's
 * identity service and map Camunda groups to roles; the webapps under {@code /camunda} keep Camunda's
 * own session login, CSRF protection and security headers (no second login in front of them).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private final ProblemResponses problems;
    private final ObjectMapper json;

    SecurityConfiguration(ObjectMapper json) {
        this.problems = new ProblemResponses(json);
        this.json = json;
    }

    /**
     * Tasklist, Cockpit and Admin keep Camunda's own session login, CSRF filter and header security
     * ({@code camunda.bpm.webapp.*}); this chain adds no login of its own. It refuses the webapps'
     * first-admin setup to everyone (CVE-2026-77226): the administrator is configured; and it guards
     * Camunda's login form ({@link WebappLoginGuard}).
     */
    @Bean
    @Order(1)
    SecurityFilterChain webapps(HttpSecurity http, IdentityService identity, AuthenticationThrottle throttle)
            throws Exception {
        return http.securityMatcher(path("/camunda/**"))
                .addFilterBefore(new WebappLoginGuard(identity, throttle, json), AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                path("/camunda/api/admin/setup/**"), path("/camunda/app/admin/*/setup/**"))
                        .denyAll()
                        .anyRequest()
                        .permitAll())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems.refused(
                                "the first-admin setup is disabled: the administrator is configured at start-up"))
                        .accessDeniedHandler(problems.forbidden()))
                .csrf(AbstractHttpConfigurer::disable)
                .headers(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .build();
    }

    /** Camunda's REST API: the engine's own authorizations apply to the authenticated caller. */
    @Bean
    @Order(2)
    SecurityFilterChain engineRest(HttpSecurity http, IdentityService identity) throws Exception {
        return basicAuth(http.securityMatcher(path("/engine-rest/**")))
                .authorizeHttpRequests(requests -> requests.anyRequest().hasAnyRole(ANALYSTS, ORDER_SYSTEMS, ADMINS))
                .addFilterAfter(new EngineAuthenticationFilter(identity), AuthorizationFilter.class)
                .build();
    }

    /** Our API: order systems push orders, stock and decisions; agents and supervisors may read cases. */
    @Bean
    @Order(3)
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        return basicAuth(http.securityMatcher(path("/api/**")))
                .authorizeHttpRequests(requests -> requests.requestMatchers(path(HttpMethod.POST, "/api/orders"))
                        .hasAnyRole(ORDER_SYSTEMS, ADMINS)
                        .requestMatchers(path(HttpMethod.GET, "/api/orders/**"))
                        .hasAnyRole(ORDER_SYSTEMS, AGENTS, SUPERVISORS, ADMINS)
                        .requestMatchers(path("/api/inventory/**"))
                        .hasAnyRole(ORDER_SYSTEMS, ADMINS)
                        .requestMatchers(
                                path(HttpMethod.POST, "/api/backorders/*/notes"),
                                path(HttpMethod.PUT, "/api/backorders/*/customer-email"),
                                path(HttpMethod.POST, "/api/backorders/*/emails/resend"),
                                path(HttpMethod.POST, "/api/backorders/*/cancellation"))
                        .hasAnyRole(AGENTS, SUPERVISORS, ADMINS)
                        .requestMatchers(path(HttpMethod.GET, "/api/backorders/**"))
                        .hasAnyRole(ORDER_SYSTEMS, AGENTS, SUPERVISORS, ADMINS)
                        .requestMatchers(path(HttpMethod.POST, "/api/backorders/*/decision"))
                        .hasAnyRole(ORDER_SYSTEMS, ADMINS)
                        .requestMatchers(path(HttpMethod.PUT, "/api/backorders/*/priority"))
                        .hasAnyRole(SUPERVISORS, ADMINS)
                        .requestMatchers(path(HttpMethod.POST, "/api/notifications/bounces"))
                        .hasAnyRole(ORDER_SYSTEMS, ADMINS)
                        .requestMatchers(path(HttpMethod.GET, "/api/events"))
                        .hasAnyRole(ORDER_SYSTEMS, ADMINS)
                        .requestMatchers(path("/api/policies/**"), path("/api/policies"))
                        .hasAnyRole(ANALYSTS, ADMINS)
                        .requestMatchers(
                                path(HttpMethod.GET, "/api/insights"), path(HttpMethod.GET, "/api/insights/**"))
                        .hasAnyRole(SUPERVISORS, ANALYSTS, ADMINS)
                        .anyRequest()
                        .hasRole(ADMINS))
                .build();
    }

    /**
     * The customer's decision page: the unguessable token in its link is the customer's credential,
     * so there is no login. Forms carry a CSRF token; the page runs no scripts and is never framed,
     * and the token-bearing URL is not sent on as a referrer.
     */
    @Bean
    @Order(4)
    SecurityFilterChain customerPage(HttpSecurity http) throws Exception {
        return http.securityMatcher(path("/customer/**"))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.csrfTokenRepository(new CookieCsrfTokenRepository()))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                                        + "frame-ancestors 'none'; base-uri 'none'"))
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .build();
    }

    /**
     * Health stays open for load balancers (status only); metrics are for a scraper (role {@code monitoring})
     * and admins; every other endpoint is for admins.
     */
    @Bean
    @Order(5)
    SecurityFilterChain actuator(HttpSecurity http) throws Exception {
        return basicAuth(http.securityMatcher(EndpointRequest.toAnyEndpoint()))
                .authorizeHttpRequests(requests -> requests.requestMatchers(EndpointRequest.to(HealthEndpoint.class))
                        .permitAll()
                        .requestMatchers(EndpointRequest.to(PrometheusScrapeEndpoint.class))
                        .hasAnyRole(MONITORING, ADMINS)
                        .anyRequest()
                        .hasRole(ADMINS))
                .build();
    }

    /** The API's description and its Swagger UI page, for those who integrate: order systems and admins. */
    @Bean
    @Order(6)
    SecurityFilterChain apiDocs(HttpSecurity http) throws Exception {
        return basicAuth(http.securityMatcher(new OrRequestMatcher(
                        path("/v3/api-docs"),
                        path("/v3/api-docs/**"),
                        path("/swagger-ui.html"),
                        path("/swagger-ui/**"))))
                .authorizeHttpRequests(requests -> requests.anyRequest().hasAnyRole(ORDER_SYSTEMS, ADMINS))
                .build();
    }

    /**
     * The case desk and the insights page, for people in a browser: a session from the desk's own login form
     * (the same users and lock-out as everywhere), CSRF tokens on every form, scripts and styles only from
     * the application itself (the charts' library is a webjar it serves), never framed.
     */
    @Bean
    @Order(7)
    SecurityFilterChain desk(HttpSecurity http) throws Exception {
        return http.securityMatcher(new OrRequestMatcher(path("/desk"), path("/desk/**"), path("/webjars/**")))
                .authorizeHttpRequests(requests -> requests.requestMatchers(path("/desk/login"), path("/desk/desk.css"))
                        .permitAll()
                        .requestMatchers(path("/desk/insights"), path("/desk/insights/**"))
                        .hasAnyRole(SUPERVISORS, ANALYSTS, ADMINS)
                        .requestMatchers(path(HttpMethod.POST, "/desk/cases/*/priority"))
                        .hasAnyRole(SUPERVISORS, ADMINS)
                        .requestMatchers(path("/webjars/**"))
                        .authenticated()
                        .anyRequest()
                        .hasAnyRole(AGENTS, SUPERVISORS, ADMINS))
                .formLogin(login -> login.loginPage("/desk/login")
                        .defaultSuccessUrl("/desk")
                        .failureUrl("/desk/login?error")
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/desk/logout").logoutSuccessUrl("/desk/login?logout"))
                .headers(headers -> headers.contentSecurityPolicy(
                                csp -> csp.policyDirectives(
                                        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                                + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"))
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }

    /**
     * Everything else: the redirect to the webapps and error pages are open; any other path is
     * answered 404, without a Basic challenge (browsers would pop up a login dialog for the webapps'
     * own probes of unknown paths).
     */
    @Bean
    @Order(10)
    SecurityFilterChain rest(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.requestMatchers(path("/"), path("/error"))
                        .permitAll()
                        .anyRequest()
                        .denyAll())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems.notFound())
                        .accessDeniedHandler((request, response, denied) ->
                                problems.notFound().commence(request, response, null)))
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    /**
     * Paths are matched on the whole request path: the engine's REST API and the webapps are not
     * served by Spring MVC's dispatcher, so MVC-based matchers would not see them.
     */
    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    private static RequestMatcher path(HttpMethod method, String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }

    private HttpSecurity basicAuth(HttpSecurity http) throws Exception {
        return http.httpBasic(basic -> basic.authenticationEntryPoint(problems.unauthorized()))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems.unauthorized())
                        .accessDeniedHandler(problems.forbidden()))
                // stateless API clients with Basic credentials: no session, so no CSRF to forge
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    }
}
