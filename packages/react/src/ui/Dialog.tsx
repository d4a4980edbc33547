import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { Dialog as Primitive } from 'radix-ui';
import { type ClassNames, usePortalContainer } from './utils.js';

/**
 * Owns the open state of one dialog: uncontrolled by default, or controlled with `open` / `onOpenChange`.
 * Renders no element of its own.
 *
 * @example
 * <Dialog.Root open={open} onOpenChange={setOpen}>…</Dialog.Root>
 */
export const Root = Primitive.Root;
export type RootProps = Primitive.DialogProps;

export type TriggerProps = ComponentPropsWithoutRef<typeof Primitive.Trigger>;
/**
 * The button that opens the dialog; focus returns to it when the dialog closes. Use `asChild` to make your own
 * button (for instance a `<Button>`) the trigger.
 *
 * @example
 * <Dialog.Trigger asChild><Button>New deal</Button></Dialog.Trigger>
 */
export const Trigger = forwardRef<HTMLButtonElement, TriggerProps>(function Trigger(props, ref) {
  return <Primitive.Trigger ref={ref} data-scope="dialog" data-part="trigger" {...props} />;
});

export interface ContentProps extends ComponentPropsWithoutRef<typeof Primitive.Content> {
  /** Class names for the backdrop behind the dialog. */
  classNames?: ClassNames<'overlay'>;
}
/**
 * The modal panel and its backdrop, portalled into the provider's `.ss-root` so themes apply. Focus is trapped
 * inside while it is open, the rest of the page is hidden from assistive technology, and Escape or a click
 * outside closes it. Give it a `Dialog.Title` (and usually a `Dialog.Description`) for its accessible name.
 *
 * @example
 * <Dialog.Content>
 *   <Dialog.Title>Delete contact</Dialog.Title>
 *   <Dialog.Description>This cannot be undone.</Dialog.Description>
 *   <Dialog.Close asChild><Button variant="ghost">Cancel</Button></Dialog.Close>
 * </Dialog.Content>
 */
export const Content = forwardRef<HTMLDivElement, ContentProps>(function Content({ classNames, ...props }, ref) {
  const container = usePortalContainer();
  return (
    <Primitive.Portal container={container}>
      <Primitive.Overlay data-scope="dialog" data-part="overlay" className={classNames?.overlay} />
      <Primitive.Content ref={ref} data-scope="dialog" data-part="content" {...props} />
    </Primitive.Portal>
  );
});

export type TitleProps = ComponentPropsWithoutRef<typeof Primitive.Title>;
/**
 * The dialog's heading; it names the dialog for screen readers.
 *
 * @example
 * <Dialog.Title>Rename asset</Dialog.Title>
 */
export const Title = forwardRef<HTMLHeadingElement, TitleProps>(function Title(props, ref) {
  return <Primitive.Title ref={ref} data-scope="dialog" data-part="title" {...props} />;
});

export type DescriptionProps = ComponentPropsWithoutRef<typeof Primitive.Description>;
/**
 * A sentence under the title that screen readers read when the dialog opens.
 *
 * @example
 * <Dialog.Description>The asset keeps its versions and links.</Dialog.Description>
 */
export const Description = forwardRef<HTMLParagraphElement, DescriptionProps>(function Description(props, ref) {
  return <Primitive.Description ref={ref} data-scope="dialog" data-part="description" {...props} />;
});

export type CloseProps = ComponentPropsWithoutRef<typeof Primitive.Close>;
/**
 * A button that closes the dialog; use `asChild` to turn a `<Button>` into one.
 *
 * @example
 * <Dialog.Close asChild><Button variant="secondary">Cancel</Button></Dialog.Close>
 */
export const Close = forwardRef<HTMLButtonElement, CloseProps>(function Close(props, ref) {
  return <Primitive.Close ref={ref} data-scope="dialog" data-part="close" {...props} />;
});

export type FooterProps = ComponentPropsWithoutRef<'div'>;
/**
 * The dialog's action row, at its foot: its buttons sit at the end, side by side, however many there are.
 *
 * @example
 * <Dialog.Footer><Dialog.Close asChild><Button variant="ghost">Close</Button></Dialog.Close></Dialog.Footer>
 */
export const Footer = forwardRef<HTMLDivElement, FooterProps>(function Footer(props, ref) {
  return <div ref={ref} data-scope="dialog" data-part="footer" {...props} />;
});
