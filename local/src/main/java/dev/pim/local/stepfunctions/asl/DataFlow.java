package dev.pim.local.stepfunctions.asl;

import dev.pim.local.stepfunctions.json.JsonPathExpr;
import dev.pim.local.stepfunctions.payload.PayloadTemplate;

/**
 * How a state's data flows, in the specification's order: InputPath, Parameters, (the state's work),
 * ResultSelector, ResultPath, OutputPath. Absent fields are their defaults; a {@code null} InputPath or OutputPath
 * stands for a field explicitly set to JSON null ({@code {}} flows on).
 *
 * @param parameters     null when absent
 * @param resultSelector null when absent
 */
public record DataFlow(JsonPathExpr inputPath, PayloadTemplate parameters, PayloadTemplate resultSelector,
                       ResultPath resultPath, JsonPathExpr outputPath) {

    /** Only InputPath and OutputPath (Choice, Wait, Succeed). */
    public static DataFlow paths(JsonPathExpr inputPath, JsonPathExpr outputPath) {
        return new DataFlow(inputPath, null, null, ResultPath.DEFAULT, outputPath);
    }
}
