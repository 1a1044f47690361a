package dev.pim.integration.gateways;

import dev.pim.aws.AwsClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A gateway contract's clients, built for the endpoint of the subclass: the local cloud or LocalStack. */
abstract class GatewayContract {
    AwsClients clients;
    /** The account the endpoint's credentials act in (LocalStack's is not the fixtures'). */
    String account;

    abstract CloudEndpoint cloud();

    @BeforeEach
    void openClients() {
        clients = cloud().clients();
        account = clients.sts().getCallerIdentity().account();
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }

    /** A name no earlier test of the same run used (LocalStack keeps its state across test classes). */
    static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }
}
