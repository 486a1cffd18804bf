fn main() {
    println!("{:?}", "tab\there");
    println!("{:?}", "quote \" and 'single' and \\ backslash");
    println!("{:?}", "newline\nreturn\rnull\0end");
    println!("{:?}", "unicode é ß 😀 \u{7f} \u{200b} \u{1b}[0m");
    println!("{:?} {:?} {:?} {:?}", '\'', '"', '\u{0}', '\u{301}');
    println!("{:?} {:?}", 'é', '\u{feff}');
    println!("[{:>12?}] [{:<8?}] [{:^9?}]", "abc", 'x', "é");
    println!("[{:>6}] [{:<6}] [{:^7}] [{:*^5}]", "héé", "日本", "ü", "😀");
    println!("[{:.2}] [{:>6.3}] [{:<5.1}]", "héllo", "日本語です", "😀😀");
}
