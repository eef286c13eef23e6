package io.backorderengine.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The {@code demo} profile, which {@code ./mvnw spring-boot:run} uses when no profile is given:
 * a demo catalog and one user per role, with the password the README states. (Here on an in-memory
 * database instead of the file under ./data.)
 */
@SpringBootTest(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:demo-profile;DB_CLOSE_DELAY=-1",
            "camunda.bpm.job-execution.enabled=false",
            // the webapps find their engine by name in a registry shared by the JVM: this context's
            // engine must not take the place of the one the other tests' webapps use
            "camunda.bpm.process-engine-name=demoProfile"
        })
@Tag("application")
@ActiveProfiles("demo")
class DemoProfileTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IdentityService identity;

    @Autowired
    Clock clock;

    @Test
    void theDemoCatalogHasStockShortagesSuppliersOpenSupplyAndSubstitutes() {
        assertThat(count("select count(*) from product where on_hand > 0")).isGreaterThanOrEqualTo(5);
        assertThat(count("select count(*) from product where on_hand = 0")).isGreaterThanOrEqualTo(3);
        assertThat(count("select count(*) from supplier where lead_time_days > 0"))
                .isGreaterThanOrEqualTo(3);
        assertThat(jdbc.sql("select min(expected_date) from purchase_order where status = 'OPEN'")
                        .query(LocalDate.class)
                        .single())
                .isAfter(LocalDate.now(clock));
        // every out-of-stock product either has open supply or in-stock substitutes to offer
        assertThat(count("""
                select count(*) from product p where p.on_hand = 0
                and not exists (select 1 from purchase_order o where o.sku = p.sku and o.status = 'OPEN')
                and not exists (select 1 from substitute s join product a on a.sku = s.substitute_sku
                                where s.sku = p.sku and a.on_hand > 0)""")).isZero();
    }

    @Autowired
    ApiKeys apiKeys;

    @Test
    void thereIsOneDemoUserPerRoleWithTheReadmePassword() {
        assertMember("agent", "agents");
        assertMember("supervisor", "supervisors");
        assertMember("analyst", "analysts");
        assertMember("admin", "camunda-admin");
        // the order system calls the API with the demo password as its key, and has no password to log in with
        assertThat(identity.createUserQuery()
                        .userId("shop")
                        .memberOfGroup("ordersystems")
                        .count())
                .isEqualTo(1);
        assertThat(apiKeys.matches("shop", "demo")).isTrue();
        assertThat(identity.checkPassword("shop", "demo")).isFalse();
    }

    private void assertMember(String user, String group) {
        assertThat(identity.checkPassword(user, "demo")).as(user).isTrue();
        assertThat(identity.createUserQuery().userId(user).memberOfGroup(group).count())
                .as(user)
                .isEqualTo(1);
    }

    private int count(String sql) {
        return jdbc.sql(sql).query(Integer.class).single();
    }
}
