package dev.wsprobe.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Enumeration;

/** Opens keystores and truststores with errors that name the file and the likely mistake. */
public final class KeyStores {
    private KeyStores() {
    }

    /** A PKCS12 file holding a private key and its certificate chain (server) or trusted certificates (client). */
    public static KeyStore loadPkcs12(Path file, char[] password) throws TlsSetupException {
        byte[] content = readFile(file, "keystore");
        try (InputStream in = new ByteArrayInputStream(content)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new TlsSetupException("cannot open keystore " + file
                        + ": the password is wrong (check the password file or environment variable)", e);
            }
            throw new TlsSetupException("cannot open keystore " + file + ": not a PKCS12 file? (" + e.getMessage()
                    + "); convert it with: keytool -importkeystore -deststoretype PKCS12", e);
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("cannot open keystore " + file + ": " + e.getMessage(), e);
        }
    }

    /** Trusted certificates from a PEM file (one or more "BEGIN CERTIFICATE" blocks), as a truststore. */
    public static KeyStore trustStoreFromPem(Path file) throws TlsSetupException {
        byte[] content = readFile(file, "CA certificate file");
        Collection<? extends Certificate> certificates;
        try (InputStream in = new ByteArrayInputStream(content)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | CertificateException e) {
            throw new TlsSetupException("cannot read certificates from " + file
                    + ": expected PEM (-----BEGIN CERTIFICATE-----): " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new TlsSetupException("no certificate found in " + file
                    + ": expected PEM (-----BEGIN CERTIFICATE-----)");
        }
        return trustStoreOf(certificates.toArray(new Certificate[0]));
    }

    /** An in-memory truststore holding exactly these certificates. */
    public static KeyStore trustStoreOf(Certificate... certificates) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int index = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("trusted-" + index++, certificate);
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("an empty in-memory PKCS12 store must always be creatable", e);
        }
    }

    /** The certificate that identifies the holder of the first private key in the store, for log messages. */
    public static X509Certificate firstKeyCertificate(KeyStore store) throws TlsSetupException {
        try {
            Enumeration<String> aliases = store.aliases();
            while (aliases.hasMoreElements()) {
                String alias = aliases.nextElement();
                if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate certificate) {
                    return certificate;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("cannot read keystore entries: " + e.getMessage(), e);
        }
        throw new TlsSetupException("the keystore holds no private key: a server keystore needs a key and its "
                + "certificate (keytool -genkeypair ...)");
    }

    /** The first key entry of the store as an identity (key and chain), for client certificates. */
    public static TlsIdentity identity(KeyStore store, char[] password) throws TlsSetupException {
        try {
            Enumeration<String> aliases = store.aliases();
            while (aliases.hasMoreElements()) {
                String alias = aliases.nextElement();
                if (store.isKeyEntry(alias)) {
                    java.security.Key key = store.getKey(alias, password);
                    Certificate[] chain = store.getCertificateChain(alias);
                    if (key instanceof java.security.PrivateKey privateKey && chain != null) {
                        return new TlsIdentity(privateKey, java.util.Arrays.stream(chain)
                                .map(X509Certificate.class::cast).toList());
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("cannot read the key in the keystore: " + e.getMessage(), e);
        }
        throw new TlsSetupException("the keystore holds no private key with a certificate chain");
    }

    private static byte[] readFile(Path file, String what) throws TlsSetupException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TlsSetupException(what + " " + file + " does not exist", e);
        } catch (IOException e) {
            throw new TlsSetupException("cannot read " + what + " " + file + ": " + e, e);
        }
    }
}
