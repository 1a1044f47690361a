package dev.pim.local.iam.query;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.function.BiConsumer;

/**
 * A small StAX writer for query-protocol answers: elements, text (escaped by StAX), ISO-8601 timestamps and
 * {@code <member>} lists. Null values are left out, as AWS leaves out absent members.
 */
public final class XmlOut {
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();
    private final StringWriter buffer = new StringWriter();
    private final XMLStreamWriter writer;

    XmlOut() {
        try {
            writer = FACTORY.createXMLStreamWriter(buffer);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot create an XML writer", e);
        }
    }

    public XmlOut start(String name) {
        return write(() -> writer.writeStartElement(name));
    }

    /** Opens the root element, declaring the service's namespace as the default one. */
    XmlOut root(String name, String namespace) {
        return write(() -> {
            writer.writeStartDocument("UTF-8", "1.0");
            writer.writeStartElement(name);
            writer.writeDefaultNamespace(namespace);
        });
    }

    public XmlOut end() {
        return write(writer::writeEndElement);
    }

    public XmlOut text(String name, Object value) {
        if (value == null) {
            return this;
        }
        return write(() -> {
            writer.writeStartElement(name);
            writer.writeCharacters(String.valueOf(value));
            writer.writeEndElement();
        });
    }

    /** ISO-8601 in whole seconds, as IAM and STS print timestamps ({@code 2013-04-18T05:01:58Z}). */
    public XmlOut timestamp(String name, Instant value) {
        return value == null ? this : text(name, DateTimeFormatter.ISO_INSTANT.format(value.truncatedTo(ChronoUnit.SECONDS)));
    }

    public XmlOut empty(String name) {
        return write(() -> writer.writeEmptyElement(name));
    }

    /** {@code <name><member>...</member>...</name>}; each member's content is written by {@code member}. */
    public <T> XmlOut list(String name, Collection<T> items, BiConsumer<XmlOut, T> member) {
        start(name);
        for (T item : items) {
            start("member");
            member.accept(this, item);
            end();
        }
        return end();
    }

    /** {@code <name><member>value</member>...</name>} for a list of plain values. */
    public XmlOut values(String name, Collection<?> values) {
        start(name);
        values.forEach(value -> text("member", value));
        return end();
    }

    String finish() {
        write(() -> {
            writer.writeEndDocument();
            writer.flush();
        });
        return buffer.toString();
    }

    private XmlOut write(XmlStep step) {
        try {
            step.run();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write XML", e);
        }
        return this;
    }

    @FunctionalInterface
    private interface XmlStep {
        void run() throws XMLStreamException;
    }
}
