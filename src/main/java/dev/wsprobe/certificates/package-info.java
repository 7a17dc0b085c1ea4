/**
 * Certificates made and read with BouncyCastle: development certificates for {@code --self-signed} and the
 * demo, PEM private keys. Runnable jar only (the WAR bundles no library).
 */
package dev.wsprobe.certificates;
