package dev.pim.export;

import java.util.function.Function;

/** The infrastructure-code formats {@code pim export} writes. */
public enum IacFormat {
    eksctl(EksctlConfig::render),
    terraform(TerraformConfig::render),
    cloudformation(CloudFormationTemplate::render);

    private final Function<ClusterExport, String> renderer;

    IacFormat(Function<ClusterExport, String> renderer) {
        this.renderer = renderer;
    }

    public String render(ClusterExport export) {
        return renderer.apply(export);
    }
}
