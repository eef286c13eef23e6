package io.backorderengine.system;

import java.util.List;

/** The roles, as Camunda groups. */
final class Roles {

    static final String AGENTS = "agents";
    static final String SUPERVISORS = "supervisors";
    static final String ANALYSTS = "analysts";
    /** Camunda's own administrators group, so Admin and Cockpit treat its members as admins. */
    static final String ADMINS = "camunda-admin";
    /** The technical role of order systems that call the API. */
    static final String ORDER_SYSTEMS = "ordersystems";
    /** The technical role of a metrics scraper (Prometheus): {@code /actuator/prometheus} and nothing else. */
    static final String MONITORING = "monitoring";

    record Role(String id, String name) {}

    static final List<Role> ALL = List.of(
            new Role(AGENTS, "Customer-service agents"),
            new Role(SUPERVISORS, "Supervisors"),
            new Role(ANALYSTS, "Process analysts"),
            new Role(ADMINS, "Administrators"),
            new Role(ORDER_SYSTEMS, "Order systems"),
            new Role(MONITORING, "Monitoring"));

    private Roles() {}
}
