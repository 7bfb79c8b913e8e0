package io.periscope.server.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.server.config.ConfigReader;
import io.periscope.server.config.PeriscopeSettings;
import io.periscope.server.config.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Each role says what it reads and writes, as docs/architecture.md does, and reports an honest state. */
class RolesTest {
    private static final Path ARCHITECTURE = Path.of("..", "docs", "architecture.md");
    private static final Pattern TOPIC = Pattern.compile("`(periscope\\.[a-z-]+)`");

    private static PeriscopeSettings settings(Map<String, Object> values) {
        return PeriscopeSettings.read(new ConfigReader(key -> Optional.ofNullable(values.get(key))));
    }

    /** Every role object, created but not started (constructors only keep their dependencies). */
    private static List<PeriscopeRole> everyRole() {
        PeriscopeSettings settings = settings(Map.of());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        return List.of(new ReceiverRole(settings, Map.of(), registry),
                new DiscoveryRole(settings.discovery(), Map.of(), registry),
                new DetectionRole(settings.detection(), Map.of(), registry),
                new EnforcementRole(settings.enforcement(), Map.of(), registry, Duration.ofSeconds(1)),
                new AlertingRole(() -> {
                    throw new AssertionError("not started in this test");
                }),
                new ApiRole(() -> {
                    throw new AssertionError("not started in this test");
                }));
    }

    /** The rows of the roles table: role id to its cells. */
    private static Map<Role, String[]> rolesTable() throws IOException {
        String doc = Files.readString(ARCHITECTURE);
        String section = doc.substring(doc.indexOf("## Roles\n"), doc.indexOf("## Topics\n"));
        Map<Role, String[]> rows = new EnumMap<>(Role.class);
        for (String line : section.split("\n")) {
            if (line.startsWith("| `")) {
                String[] cells = line.split("\\|");
                rows.put(Role.valueOf(cells[1].trim().replace("`", "").toUpperCase()), cells);
            }
        }
        return rows;
    }

    private static List<String> topics(String cell) {
        List<String> out = new ArrayList<>();
        Matcher m = TOPIC.matcher(cell);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void everyRoleHasOneClassAndTheArchitectureTableListsItsTopics() throws IOException {
        Map<Role, String[]> table = rolesTable();
        List<PeriscopeRole> roles = everyRole();
        assertThat(roles).extracting(PeriscopeRole::role).containsExactly(Role.values());
        assertThat(table).containsOnlyKeys(Role.values());
        for (PeriscopeRole role : roles) {
            String[] row = table.get(role.role());
            assertThat(row[2].trim()).as("class of " + role.role()).isEqualTo("`" + role.getClass().getSimpleName() + "`");
            assertThat(topics(row[4])).as("consumes of " + role.role()).containsExactlyElementsOf(role.consumes());
            assertThat(topics(row[5])).as("produces of " + role.role()).containsExactlyElementsOf(role.produces());
        }
    }

    @Test
    void rolesNotConfiguredAreDisabledAndNoEnforcerRunsWithoutTheEnforcementRole() throws InterruptedException {
        List<String> events = new ArrayList<>();
        try (Roles roles = new Roles(List.of(new FakeRole(Role.RECEIVER, events, false)))) {
            assertThat(roles.enforcer()).isEmpty();
            for (Role other : List.of(Role.DISCOVERY, Role.DETECTION, Role.ENFORCEMENT, Role.API)) {
                assertThat(roles.health(other).status()).as(other.id()).isEqualTo(RoleHealth.Status.DISABLED);
            }
        }
    }

    @Test
    void rolesStartInOrderAndCloseInReverse() throws InterruptedException {
        List<String> events = new ArrayList<>();
        Roles roles = new Roles(List.of(new FakeRole(Role.RECEIVER, events, false), new FakeRole(Role.DISCOVERY, events, false)));
        roles.close();
        assertThat(events).containsExactly("start receiver", "start discovery", "close discovery", "close receiver");
    }

    @Test
    void aRoleThatFailsToStartClosesItselfAndTheRolesStartedBeforeIt() {
        List<String> events = new ArrayList<>();
        assertThatThrownBy(() -> new Roles(List.of(new FakeRole(Role.RECEIVER, events, false),
                new FakeRole(Role.DISCOVERY, events, true), new FakeRole(Role.API, events, false))))
                .hasMessage("discovery cannot start");
        assertThat(events).containsExactly("start receiver", "start discovery", "close discovery", "close receiver");
    }

    @Test
    void aHealthProbeThatThrowsReportsTheRoleDownWithoutQuotingTheError() throws InterruptedException {
        try (Roles roles = new Roles(List.of(new FakeRole(Role.DETECTION, new ArrayList<>(), false)))) {
            RoleHealth health = roles.health(Role.DETECTION);
            assertThat(health.status()).isEqualTo(RoleHealth.Status.DOWN);
            assertThat(health.details().toString()).doesNotContain("secret internals");
        }
    }

    /** Records its lifecycle; its health probe always fails. */
    private record FakeRole(Role role, List<String> events, boolean failsToStart) implements PeriscopeRole {
        @Override
        public List<String> consumes() {
            return List.of();
        }

        @Override
        public List<String> produces() {
            return List.of();
        }

        @Override
        public void start() {
            events.add("start " + role.id());
            if (failsToStart) {
                throw new IllegalStateException(role.id() + " cannot start");
            }
        }

        @Override
        public RoleHealth health() {
            throw new IllegalStateException("secret internals");
        }

        @Override
        public void close() {
            events.add("close " + role.id());
        }
    }

    @Test
    void aRoleNeverStartedClosesWithoutError() throws InterruptedException {
        for (PeriscopeRole role : everyRole()) {
            role.close();
        }
    }
}
