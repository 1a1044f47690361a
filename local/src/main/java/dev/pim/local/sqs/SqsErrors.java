package dev.pim.local.sqs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.local.server.ApiError;
import dev.pim.local.server.HttpResponse;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.util.UUID;

/**
 * SQS's errors on the wire, for the answers the local cloud gives itself (throttling, injected failures, crashes,
 * requests naming no operation). JSON: a body {@code {"__type": "com.amazonaws.sqs#<Code>", "message": ...}} and
 * the header {@code x-amzn-query-error: <Code>;Sender} that query-compatible clients read the code from. Query: an
 * XML {@code ErrorResponse}. Throttling is SQS's {@code RequestThrottled}, status 400, a code the AWS SDK for Java
 * v2 and botocore's standard retry mode both retry as throttling.
 */
final class SqsErrors {
    static final String INTERNAL_ERROR = "InternalError";
    private static final String THROTTLED = "RequestThrottled";
    private static final String NAMESPACE = "com.amazonaws.sqs#";
    private static final String XML_NAMESPACE = "http://queue.amazonaws.com/doc/2012-11-05/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private SqsErrors() {
    }

    static HttpResponse render(ApiError error, SqsProtocol protocol) {
        return switch (error.kind()) {
            case THROTTLED -> answer(protocol, 400, THROTTLED, error.getMessage());
            case INJECTED -> error.code() == null
                    ? answer(protocol, error.status() != 0 ? error.status() : 500, INTERNAL_ERROR, error.getMessage())
                    : answer(protocol, statusOf(error), error.code(), error.getMessage());
            case CRASHED -> answer(protocol, 400, "EmulatedCrash", error.getMessage());
            case SERVICE -> answer(protocol, statusOf(error), error.code(), error.getMessage());
        };
    }

    private static int statusOf(ApiError error) {
        if (error.status() != 0) {
            return error.status();
        }
        return INTERNAL_ERROR.equals(error.code()) ? 500 : 400;
    }

    private static HttpResponse answer(SqsProtocol protocol, int status, String code, String message) {
        String fault = status >= 500 ? "Receiver" : "Sender";
        return protocol == SqsProtocol.JSON ? json(status, code, fault, message) : xml(status, code, fault, message);
    }

    private static HttpResponse json(int status, String code, String fault, String message) {
        String type = code.contains("#") ? code : NAMESPACE + code;
        String body = JSON.createObjectNode().put("__type", type).put("message", message).toString();
        return HttpResponse.of(status, "application/x-amz-json-1.0", body)
                .withHeader("x-amzn-query-error", type.substring(type.indexOf('#') + 1) + ";" + fault);
    }

    private static HttpResponse xml(int status, String code, String fault, String message) {
        String requestId = UUID.randomUUID().toString();
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XML.createXMLStreamWriter(out);
            xml.writeStartElement("ErrorResponse");
            xml.writeDefaultNamespace(XML_NAMESPACE);
            xml.writeStartElement("Error");
            element(xml, "Type", fault);
            element(xml, "Code", code.substring(code.indexOf('#') + 1));
            element(xml, "Message", message);
            xml.writeEmptyElement("Detail");
            xml.writeEndElement();
            element(xml, "RequestId", requestId);
            xml.writeEndElement();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write an SQS error: " + e, e);
        }
        return HttpResponse.xml(status, out.toString()).withHeader("x-amzn-RequestId", requestId);
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text == null ? "" : text);
        xml.writeEndElement();
    }
}
