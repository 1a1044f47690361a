package dev.pim.migration.discovery;

import dev.pim.migration.BoundedParallel;
import dev.pim.migration.inventory.AssociationInfo;
import dev.pim.migration.port.EksPort;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every association of a cluster: one paged ListPodIdentityAssociations, then a Describe (in parallel) only for
 * those not already known; the list's summaries carry no role, but an association's id is never reused and this
 * tool never changes an association's role, so one described (or created) in this run is known.
 */
public final class AssociationReader {
    private final EksPort eks;
    private final int parallelism;

    public AssociationReader(EksPort eks, int parallelism) {
        this.eks = eks;
        this.parallelism = parallelism;
    }

    /** @param known associations by id, described or created earlier in this run; what is described is added */
    public List<AssociationInfo> read(Map<String, AssociationInfo> known) {
        List<String> ids = eks.associationIds();
        return BoundedParallel.map(ids, parallelism, id -> Optional.ofNullable(known.get(id))
                        .or(() -> eks.describeAssociation(id).map(a -> {
                            known.put(id, a);
                            return a;
                        })))
                .stream().filter(Objects::nonNull).flatMap(Optional::stream).toList();
    }
}
