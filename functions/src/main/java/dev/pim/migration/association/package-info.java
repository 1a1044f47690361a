/**
 * Pod Identity association management as eksctl offers it ({@code get|create|update|delete podidentityassociation}):
 * the ClusterConfig model and its validation, the roles created for associations (trust, policies, boundary, the tag
 * that says pim made them), and the plans that are printed before anything is written. No SDK type: the calls go
 * through {@link dev.pim.migration.port.RoleAdminPort} and {@link dev.pim.migration.port.AssociationAdminPort}.
 */
package dev.pim.migration.association;
