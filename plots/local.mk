# Figures (issue 3). Owned by the figures work.
