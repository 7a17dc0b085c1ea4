package dev.wsprobe.certificates;

import dev.wsprobe.tls.TlsIdentity;
import dev.wsprobe.tls.TlsSetupException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * A certificate chain and its private key from PEM files, as OpenSSL and most tools write them
 * ({@code BEGIN CERTIFICATE}; {@code BEGIN PRIVATE KEY}, {@code BEGIN EC PRIVATE KEY} or
 * {@code BEGIN RSA PRIVATE KEY}, unencrypted). Used for client certificates ({@code send --cert --key}).
 */
public final class PemIdentity {
    private PemIdentity() {
    }

    public static TlsIdentity load(Path certificateFile, Path keyFile) throws TlsSetupException {
        List<X509Certificate> chain = new ArrayList<>();
        for (Object item : readAll(certificateFile, "certificate file")) {
            if (item instanceof X509CertificateHolder holder) {
                chain.add(convert(holder, certificateFile));
            }
        }
        if (chain.isEmpty()) {
            throw new TlsSetupException("no certificate found in " + certificateFile
                    + ": expected PEM (-----BEGIN CERTIFICATE-----)");
        }
        PrivateKey key = null;
        for (Object item : readAll(keyFile, "key file")) {
            key = toKey(item, keyFile);
            if (key != null) {
                break;
            }
        }
        if (key == null) {
            // the file's content is never quoted: it may be a key in the wrong place
            throw new TlsSetupException("no unencrypted private key found in " + keyFile
                    + ": expected PEM (-----BEGIN PRIVATE KEY-----); decrypt it with: openssl pkey -in KEY -out KEY2");
        }
        return new TlsIdentity(key, chain);
    }

    private static List<Object> readAll(Path file, String what) throws TlsSetupException {
        List<Object> items = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                items.add(item);
            }
            return items;
        } catch (NoSuchFileException e) {
            throw new TlsSetupException(what + " " + file + " does not exist", e);
        } catch (IOException | RuntimeException e) {
            throw new TlsSetupException("cannot read " + what + " " + file + " as PEM", e);
        }
    }

    private static X509Certificate convert(X509CertificateHolder holder, Path file) throws TlsSetupException {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (java.security.cert.CertificateException e) {
            throw new TlsSetupException("cannot use a certificate in " + file + ": " + e.getMessage(), e);
        }
    }

    private static PrivateKey toKey(Object item, Path file) throws TlsSetupException {
        try {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (item instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (item instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            return null;
        } catch (IOException e) {
            throw new TlsSetupException("cannot use the private key in " + file + " (unsupported key type?)", e);
        }
    }
}
