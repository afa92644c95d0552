# Counts the words of sample.txt with the `wordcount` module (install it first:
# `pip install ./examples/wordcount`), then shows a Rust error arriving as an exception.
import pathlib

import wordcount

sample = pathlib.Path(__file__).with_name("sample.txt")
for word, count in wordcount.top_words(sample, 5):
    print(f"{count:3} {word}")

try:
    wordcount.count_words("no-such-file.txt")
except FileNotFoundError as err:
    print(f"FileNotFoundError: {err}")
