package org.transferlab.kernel;

/**
 * Text a notebook shows as Markdown (headings, lists, {@code $$…$$} formulas that Jupyter typesets), and as
 * {@link #plain} where Markdown is not rendered ({@code System.out.println}, a terminal).
 */
public record Markdown(String markdown, String plain) {
    @Override
    public String toString() {
        return plain;
    }
}
