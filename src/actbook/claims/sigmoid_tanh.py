"""Claims of the chapter *Sigmoid and tanh* (book/chapters/sigmoid-tanh.md)."""
