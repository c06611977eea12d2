package dev.deskbridge.host.demo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** The photo a customer sends in the demo: a small PNG drawn on the spot (a parcel with a tear). */
final class DemoPhoto {
    private DemoPhoto() {}

    static byte[] png() {
        BufferedImage image = new BufferedImage(96, 72, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(new Color(0xEDE6DA));
            g.fillRect(0, 0, 96, 72);
            g.setColor(new Color(0xB08350));
            g.fillRect(18, 14, 60, 44);
            g.setColor(new Color(0x6B4A22));
            g.drawLine(48, 14, 48, 58);
            g.setColor(new Color(0xC0392B));
            g.drawPolyline(new int[] {24, 32, 38, 46, 52}, new int[] {30, 38, 32, 42, 36}, 5);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw the demo photo", e);
        }
        return out.toByteArray();
    }
}
