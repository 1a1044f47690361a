/**
 * The local EKS control plane (rest-json, API 2017-11-01), served by {@link dev.pim.local.eks.EksService}.
 *
 * <p>Where things are: {@code EksRoutes} binds operations to URIs; {@code EksCall} holds one call (caller,
 * labels, body, shared validation); {@code EksErrors} and the {@code *Json} classes are the wire format;
 * {@code ClusterOperations}, {@code AddonOperations}, {@code AddonCatalogOperations},
 * {@code PodIdentityOperations} and {@code AccessEntryOperations} serve the calls; {@code AddonAssociations},
 * {@code AddonWorkloads}, {@code Associations} and {@code PodIdentityRoles} hold the rules they share.
 *
 * <p>Choices where AWS's behaviour is not documented (see aws-api-semantics.md for the sourced ones):
 * <ul>
 *   <li>A path no operation serves: 404 {@code UnknownOperationException}.</li>
 *   <li>Changes to a cluster that is neither ACTIVE nor UPDATING: 400 {@code InvalidRequestException}
 *       "Cluster 'X' is not in ACTIVE status" (moto's copy of the real message).</li>
 *   <li>UpdateAddon on an add-on still CREATING, UPDATING or DELETING: 409 {@code ResourceInUseException}.</li>
 *   <li>A missing required member: 400 {@code InvalidParameterException} naming it; a body that is not JSON:
 *       400 {@code BadRequestException}.</li>
 *   <li>An add-on given associations for some of its service accounts: those lose the IRSA annotation and the
 *       add-on's pods restart, while the add-on keeps reporting {@code serviceAccountRoleArn}
 *       (terraform-provider-aws #30645). An empty list puts the annotation back.</li>
 *   <li>The message refusing an add-on's adoption of a standalone association is the emulator's own, built on
 *       the user guide's sentence; the text of AWS's is not known.</li>
 *   <li>{@code clientRequestToken} is accepted but not used for idempotency. Injected faults are decided before
 *       a handler runs, so a call failed by one changed nothing; but a client that gives up during injected
 *       latency and retries meets its first call's effect (409 on a create), where AWS might answer the first
 *       result again (AWS's rule for a reused token is not documented).</li>
 * </ul>
 */
package dev.pim.local.eks;
