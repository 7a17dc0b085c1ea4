package dev.wsprobe.containers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.util.Map;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * What the container tests deploy: the WAR Maven built ({@code target/wsprobe.war}, exactly as users get it),
 * or a copy of it whose only addition is a web.xml with context parameters, the documented way to configure
 * one deployment without touching the server's JVM (a system property or environment variable would apply
 * to every application in the server).
 */
public final class WarArchives {
    private WarArchives() {
    }

    /** The built WAR, deployed as {@code wsprobe.war}: context root {@code /wsprobe}. */
    public static WebArchive built() {
        return importBuilt("wsprobe.war");
    }

    /** The built WAR under another name (its context root) with these context parameters. */
    public static WebArchive configured(String fileName, Map<String, String> contextParameters) {
        WebArchive war = importBuilt(fileName);
        assertFalse(war.contains("WEB-INF/web.xml"), "the built WAR has a web.xml now: merge, don't replace it");
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0" metadata-complete="false">
                """);
        contextParameters.forEach((name, value) -> xml.append("  <context-param><param-name>").append(escape(name))
                .append("</param-name><param-value>").append(escape(value)).append("</param-value></context-param>\n"));
        xml.append("</web-app>\n");
        return war.addAsWebInfResource(new StringAsset(xml.toString()), "web.xml");
    }

    private static WebArchive importBuilt(String name) {
        String path = System.getProperty("wsprobe.war");
        if (path == null || !new File(path).isFile()) {
            fail("target/wsprobe.war not found (system property wsprobe.war=" + path + "); run through `mvn verify`");
        }
        return ShrinkWrap.create(ZipImporter.class, name).importFrom(new File(path)).as(WebArchive.class);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
