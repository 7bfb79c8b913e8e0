package io.periscope.discovery.testing;

import io.periscope.discovery.catalog.CatalogInvariants;
import io.periscope.discovery.catalog.CatalogOutput;
import io.periscope.discovery.catalog.ServiceState;
import io.periscope.events.catalog.CatalogChange;
import io.periscope.events.catalog.ChangeType;
import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.catalog.PostureFinding;
import io.periscope.events.catalog.ProbedPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps everything the engine emits, the way the topics would (latest snapshot per endpoint), and checks the
 * catalog's invariants on every snapshot.
 */
public final class RecordingOutput implements CatalogOutput {
    public final List<CatalogChange> changes = new ArrayList<>();
    public final Map<String, PostureFinding> findings = new LinkedHashMap<>();
    public final Map<String, EndpointSnapshot> endpoints = new LinkedHashMap<>();
    public final List<String> removed = new ArrayList<>();
    public final List<String> resolvedFindings = new ArrayList<>();
    public final Map<String, ServiceState> services = new LinkedHashMap<>();
    public final Map<String, ProbedPath> probedPaths = new LinkedHashMap<>();
    public final List<String> removedProbedPaths = new ArrayList<>();

    @Override
    public void change(CatalogChange change) {
        changes.add(change);
    }

    @Override
    public void finding(PostureFinding finding) {
        findings.put(finding.id(), finding);
    }

    @Override
    public void endpoint(EndpointSnapshot snapshot) {
        CatalogInvariants.assertValid(snapshot);
        endpoints.put(snapshot.endpointId(), snapshot);
    }

    @Override
    public void endpointRemoved(String serviceKey, String endpointId) {
        endpoints.remove(endpointId);
        removed.add(endpointId);
    }

    @Override
    public void findingRemoved(String findingId) {
        findings.remove(findingId);
        resolvedFindings.add(findingId);
    }

    @Override
    public void service(ServiceState state) {
        services.put(state.serviceKey(), state);
    }

    @Override
    public void probedPath(ProbedPath path) {
        CatalogInvariants.assertValid(path);
        probedPaths.put(path.id(), path);
    }

    @Override
    public void probedPathRemoved(String serviceKey, String probedPathId) {
        probedPaths.remove(probedPathId);
        removedProbedPaths.add(probedPathId);
    }

    public List<CatalogChange> changes(ChangeType type) {
        return changes.stream().filter(c -> c.type() == type).toList();
    }

    public EndpointSnapshot endpoint(String method, String template) {
        return endpoints.values().stream()
                .filter(e -> e.method().equals(method) && e.pathTemplate().equals(template))
                .findFirst().orElseThrow(() -> new AssertionError("no endpoint " + method + " " + template + " in "
                        + endpoints.values().stream().map(e -> e.method() + " " + e.pathTemplate()).toList()));
    }
}
